namespace OrleansPlatform.Workflows.Locks;

/// <summary>Lease and retry timing of <see cref="IClusterLocks"/>. Bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class ClusterLockOptions
{
    /// <summary>The configuration section the options are bound from: <c>ClusterLocks</c>.</summary>
    public const string SectionName = "ClusterLocks";

    /// <summary>
    /// How long a grant stays valid without renewal. Held locks are renewed every third of it, so a holder whose silo
    /// hangs or loses the database loses its locks after at most this long. Default 10 s; at least 100 ms.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The shortest pause between two attempts to acquire a busy lock. Default 25 ms.</summary>
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// The longest pause between two attempts. Pauses are random (jitter) and grow from <see cref="MinRetryDelay"/>
    /// towards this bound while the lock stays busy. Default 250 ms.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
