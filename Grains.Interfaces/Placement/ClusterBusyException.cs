namespace OrleansPlatform.Grains.Placement;

/// <summary>
/// Every silo was at its session capacity for the whole wait (or the waiting list was full): the session was not
/// placed. <see cref="RetryAfter"/> says when trying again is worth it; the Gateway answers 503 with Retry-After.
/// </summary>
[GenerateSerializer]
[Alias("op.ClusterBusyException")]
public sealed class ClusterBusyException : Exception
{
    public ClusterBusyException()
    {
    }

    public ClusterBusyException(string message)
        : base(message)
    {
    }

    public ClusterBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long to wait before trying again.</summary>
    [Id(0)]
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}
