namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// A write guarded by a cluster lock was refused because the lock is no longer held under its fencing token (its
/// lease ran out, its silo was declared dead, or another owner holds it now). Nothing of the write was committed.
/// </summary>
[GenerateSerializer]
[Alias("op.LockLostException")]
public sealed class LockLostException : Exception
{
    public LockLostException()
    {
    }

    public LockLostException(string message)
        : base(message)
    {
    }

    public LockLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
