namespace OrleansPlatform.Runtime.Cluster;

/// <summary>How calls are routed between silos.</summary>
public sealed class ClusterOptions
{
    /// <summary>How many times a call may be forwarded between silos before it is refused (stops routing loops). Default 4.</summary>
    public int MaxForwardHops { get; set; } = 4;

    /// <summary>Pause before re-routing a call that a silo refused without running it. Default 50 ms (doubling, at most 1 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);
}
