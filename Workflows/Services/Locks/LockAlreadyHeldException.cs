namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// An owner asked for a lock it already holds. Holdings do not nest (there is no count to release), and upgrading a
/// shared holding to exclusive in place is not supported: release it, then acquire in the other mode.
/// </summary>
[GenerateSerializer]
[Alias("op.LockAlreadyHeldException")]
public sealed class LockAlreadyHeldException : InvalidOperationException
{
    /// <summary>Creates the exception for lock <paramref name="lockName"/> held by <paramref name="ownerId"/>.</summary>
    public LockAlreadyHeldException(string lockName, string ownerId, LockMode heldMode, LockMode requestedMode)
        : base($"Owner '{ownerId}' already holds cluster lock '{lockName}' ({heldMode.ToString().ToLowerInvariant()}) and asked for it again "
            + $"({requestedMode.ToString().ToLowerInvariant()}); cluster locks are not re-entrant. Use the handle already held, or release it first.")
    {
        LockName = lockName;
        OwnerId = ownerId;
        HeldMode = heldMode;
        RequestedMode = requestedMode;
    }

    /// <summary>Creates the exception.</summary>
    public LockAlreadyHeldException()
        : base("The owner already holds this cluster lock; cluster locks are not re-entrant.")
    {
        LockName = OwnerId = "(unknown)";
    }

    /// <summary>Creates the exception with a message only.</summary>
    public LockAlreadyHeldException(string message)
        : base(message)
    {
        LockName = OwnerId = "(unknown)";
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public LockAlreadyHeldException(string message, Exception innerException)
        : base(message, innerException)
    {
        LockName = OwnerId = "(unknown)";
    }

    /// <summary>The lock's name.</summary>
    [Id(0)]
    public string LockName { get; }

    /// <summary>The owner that asked twice.</summary>
    [Id(1)]
    public string OwnerId { get; }

    /// <summary>The mode the owner holds the lock in.</summary>
    [Id(2)]
    public LockMode HeldMode { get; }

    /// <summary>The mode it asked for.</summary>
    [Id(3)]
    public LockMode RequestedMode { get; }
}
