namespace OrleansPlatform.Workflows.Locks;

/// <summary>One granted holding of a cluster lock, as <see cref="IClusterLockStore"/> records it.</summary>
/// <param name="Name">The lock's name.</param>
/// <param name="Mode">How it is held.</param>
/// <param name="Owner">Who holds it.</param>
/// <param name="FencingToken">
/// Greater than every token issued for this name before, by any owner; pass it to the resources the lock guards so
/// they can refuse writes from a holder that has since lost the lock.
/// </param>
/// <param name="LeaseExpiresAtMs">When the lease ends unless renewed, in Unix milliseconds of the database clock.</param>
public sealed record LockGrant(string Name, LockMode Mode, LockOwner Owner, long FencingToken, long LeaseExpiresAtMs);
