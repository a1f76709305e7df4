namespace OrleansPlatform.Workflows.Locks;

/// <summary>A cluster lock was not free within the time the caller was willing to wait.</summary>
[GenerateSerializer]
[Alias("op.LockTimeoutException")]
public sealed class LockTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for lock <paramref name="lockName"/>.</summary>
    public LockTimeoutException(string lockName, LockMode mode, TimeSpan wait)
        : base($"Timed out after {wait} waiting for {mode.ToString().ToLowerInvariant()} cluster lock '{lockName}'.")
    {
        LockName = lockName;
        Mode = mode;
        Wait = wait;
    }

    /// <summary>Creates the exception.</summary>
    public LockTimeoutException()
        : base("Timed out waiting for a cluster lock.")
    {
        LockName = "(unknown)";
    }

    /// <summary>Creates the exception with a message only.</summary>
    public LockTimeoutException(string message)
        : base(message)
    {
        LockName = "(unknown)";
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public LockTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        LockName = "(unknown)";
    }

    /// <summary>The lock's name.</summary>
    [Id(0)]
    public string LockName { get; }

    /// <summary>The mode that was requested.</summary>
    [Id(1)]
    public LockMode Mode { get; }

    /// <summary>How long the caller waited.</summary>
    [Id(2)]
    public TimeSpan Wait { get; }
}
