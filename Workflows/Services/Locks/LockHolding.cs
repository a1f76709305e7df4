namespace OrleansPlatform.Workflows.Locks;

/// <summary>One live holding of a cluster lock, for operators (<see cref="IClusterLockStore.ListLiveAsync"/>).</summary>
/// <param name="Name">The lock's name.</param>
/// <param name="Mode">How it is held.</param>
/// <param name="Owner">Who holds it, on which silo.</param>
/// <param name="FencingToken">The holding's fencing token.</param>
/// <param name="AcquiredAt">When it was granted, by the database clock.</param>
/// <param name="LeaseExpiresAt">When its lease ends unless renewed, by the database clock.</param>
/// <param name="LeaseRemaining">How long the lease has left, measured by the database clock when it was read.</param>
public sealed record LockHolding(string Name, LockMode Mode, LockOwner Owner, long FencingToken, DateTimeOffset AcquiredAt, DateTimeOffset LeaseExpiresAt, TimeSpan LeaseRemaining);
