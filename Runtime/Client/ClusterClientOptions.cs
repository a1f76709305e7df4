namespace OrleansPlatform.Runtime.Client;

/// <summary>Cluster client behaviour.</summary>
public sealed class ClusterClientOptions
{
    /// <summary>A call without a response after this long fails with <see cref="GrainCallTimeoutException"/>. Default 30 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a call may keep looking for a silo that takes it when silos refuse it without running it (not
    /// serving, unreachable) or none is active. Default 15 s.
    /// </summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(15);
}
