namespace OrleansPlatform.Runtime;

/// <summary>Every silo is at capacity for this grain's placement and none freed up before the waiting-list timeout (or the waiting list is full). Retry later.</summary>
public sealed class ClusterBusyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterBusyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ClusterBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ClusterBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long the caller should wait before retrying.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}
