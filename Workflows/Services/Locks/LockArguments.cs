namespace OrleansPlatform.Workflows.Locks;

/// <summary>Argument checks shared by <see cref="ClusterLocks"/> and the lock store.</summary>
internal static class LockArguments
{
    /// <summary>The longest lock name, in UTF-16 characters.</summary>
    public const int MaxNameLength = 200;

    public static void ValidateName(string name, string parameterName = "name")
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A cluster lock name must not be empty or blank.", parameterName);
        }

        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException(
                $"Cluster lock name '{name[..40]}...' is {name.Length} characters long; the limit is {MaxNameLength}.", parameterName);
        }
    }

    public static void ValidateMode(LockMode mode, string parameterName = "mode")
    {
        if (mode is not (LockMode.Exclusive or LockMode.Shared))
        {
            throw new ArgumentOutOfRangeException(parameterName, mode, "A lock mode is Exclusive or Shared.");
        }
    }

    public static void ValidateOwner(LockOwner owner, string parameterName = "owner")
    {
        if (string.IsNullOrWhiteSpace(owner.OwnerId))
        {
            throw new ArgumentException("The lock owner's OwnerId must not be empty.", parameterName);
        }

        if (string.IsNullOrWhiteSpace(owner.SiloId))
        {
            throw new ArgumentException($"The SiloId of lock owner '{owner.OwnerId}' must not be empty.", parameterName);
        }
    }

    public static void ValidateOwnerId(string ownerId, string parameterName = "ownerId")
    {
        ArgumentNullException.ThrowIfNull(ownerId, parameterName);
        if (string.IsNullOrWhiteSpace(ownerId))
        {
            throw new ArgumentException("A lock owner id must not be empty.", parameterName);
        }
    }

    /// <summary>A lease in whole milliseconds (rounded up); it must be positive.</summary>
    public static long LeaseMilliseconds(TimeSpan lease, string parameterName = "lease")
    {
        if (lease <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(parameterName, lease, "A lock lease must be positive.");
        }

        return (long)Math.Ceiling(lease.TotalMilliseconds);
    }

    public static void ValidateWait(TimeSpan wait, string parameterName = "wait")
    {
        if (wait < TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(parameterName, wait, "The wait must be zero or more, or Timeout.InfiniteTimeSpan.");
        }
    }
}
