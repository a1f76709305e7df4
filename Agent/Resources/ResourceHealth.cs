namespace OrleansPlatform.Agent.Resources;

/// <summary>What a resource's monitor found.</summary>
public enum ResourceHealth
{
    /// <summary>Doing its job.</summary>
    Healthy,

    /// <summary>Up but not fully serving (a Gateway whose cluster cannot answer, a silo still joining); not restarted for it.</summary>
    Degraded,

    /// <summary>Not working: once it has been healthy, the supervisor restarts it (with backoff).</summary>
    Failed,
}
