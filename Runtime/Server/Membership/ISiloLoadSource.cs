namespace OrleansPlatform.Runtime.Membership;

/// <summary>The runtime's current load; membership publishes it with each heartbeat. Must be cheap and thread-safe.</summary>
public interface ISiloLoadSource
{
    /// <summary>The load now.</summary>
    SiloLoad GetLoad();
}
