namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// Tells <see cref="IClusterLocks"/> who is asking: the current grain activation or session. The runtime implements
/// it; the default registered by <c>AddClusterLocks</c> throws <see cref="InvalidOperationException"/>, since outside
/// a grain there is no owner whose deactivation would release the lock. Code that is not a grain uses
/// <see cref="IClusterLockStore"/> with an explicit <see cref="LockOwner"/>.
/// </summary>
public interface ILockOwnerAccessor
{
    /// <summary>The owner of locks taken by the calling code.</summary>
    /// <exception cref="InvalidOperationException">The caller is neither a grain activation nor a session.</exception>
    LockOwner Current { get; }
}
