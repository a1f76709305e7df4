namespace OrleansPlatform.Workflows.Locks;

/// <summary>The default <see cref="ILockOwnerAccessor"/> until the runtime registers its own: there is no owner.</summary>
internal sealed class UnavailableLockOwnerAccessor : ILockOwnerAccessor
{
    public LockOwner Current => throw new InvalidOperationException(
        "IClusterLocks was used outside a grain activation or session, so there is no owner to hold the lock (or the runtime "
        + "has not registered its ILockOwnerAccessor). Acquire cluster locks from grain code, or use IClusterLockStore with an "
        + "explicit LockOwner.");
}
