namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// Named cluster-wide locks (exclusive or shared) for grain code, owned by the calling activation or session (see
/// <see cref="ILockOwnerAccessor"/>). Held locks are kept alive by lease renewal in the background; they are released
/// by <see cref="ClusterLockHandle.ReleaseAsync"/>, when the owner deactivates, when the lease runs out without
/// renewal, or as soon as the owner's silo is declared dead. Every grant carries a fencing token larger than any
/// issued before for that name.
/// </summary>
public interface IClusterLocks
{
    /// <summary>
    /// Tries to acquire <paramref name="name"/> in <paramref name="mode"/>, retrying until <paramref name="wait"/> has
    /// elapsed. <see cref="TimeSpan.Zero"/> tries once; <see cref="Timeout.InfiniteTimeSpan"/> waits until cancelled.
    /// </summary>
    /// <returns>The held lock, or null when it was not free in time.</returns>
    /// <exception cref="ArgumentException">The name is empty, blank or longer than 200 characters.</exception>
    /// <exception cref="LockAlreadyHeldException">The calling owner already holds this lock (holdings do not nest).</exception>
    /// <exception cref="InvalidOperationException">Called outside a grain activation or session.</exception>
    Task<ClusterLockHandle?> TryAcquireAsync(string name, LockMode mode, TimeSpan wait, CancellationToken ct = default);

    /// <summary>As <see cref="TryAcquireAsync"/>, but a lock not acquired in time is an error.</summary>
    /// <exception cref="LockTimeoutException">The lock was not free within <paramref name="wait"/>.</exception>
    Task<ClusterLockHandle> AcquireAsync(string name, LockMode mode, TimeSpan wait, CancellationToken ct = default);
}
