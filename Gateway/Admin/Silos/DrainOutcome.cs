namespace OrleansPlatform.Gateway.Admin.Silos;

/// <summary>What became of a request to drain a silo.</summary>
public enum DrainOutcome
{
    /// <summary>The silo was told to shut down gracefully.</summary>
    Draining,

    /// <summary>No active silo has that id.</summary>
    NotFound,

    /// <summary>It is the only active silo: its sessions would have nowhere to go.</summary>
    LastSilo,
}
