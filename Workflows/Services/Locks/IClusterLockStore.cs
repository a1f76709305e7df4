namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// The cluster locks as stored in the cluster database, with explicit owners and no background renewal: for the
/// runtime and for code that is not a grain. Grain code uses <see cref="IClusterLocks"/>.
/// </summary>
/// <remarks>
/// <para>
/// A holder is live unless its lease has expired (by the database clock) or its silo's membership row says Dead;
/// holders that are not live are deleted when an acquisition of the same lock meets them. Each operation is atomic.
/// </para>
/// <para>
/// The runtime calls <see cref="ReleaseOwnerAsync"/> with the activation id when an activation (or session) ends, and
/// may call <see cref="ReleaseSiloAsync"/> for a silo it has declared dead (dead silos' holdings are ignored anyway).
/// </para>
/// </remarks>
public interface IClusterLockStore
{
    /// <summary>
    /// Grants <paramref name="name"/> to <paramref name="owner"/> in <paramref name="mode"/> if it is free now
    /// (exclusive: no other live holder; shared: no live exclusive holder), with a lease of <paramref name="lease"/>.
    /// </summary>
    /// <returns>The grant, with a fencing token greater than any issued for the name before; null when not free.</returns>
    /// <exception cref="ArgumentException">Invalid name or owner ids, or a lease that is not positive.</exception>
    /// <exception cref="LockAlreadyHeldException">The owner already holds this lock (in either mode).</exception>
    Task<LockGrant?> TryAcquireAsync(string name, LockMode mode, LockOwner owner, TimeSpan lease, CancellationToken ct = default);

    /// <summary>
    /// Extends the leases of <paramref name="grants"/> to <paramref name="lease"/> from now. A grant is renewed only if
    /// it is still held under the same fencing token, its lease has not expired and its silo is not dead.
    /// </summary>
    /// <returns>The renewed grants with their new expiry; grants missing from it are lost.</returns>
    Task<IReadOnlyList<LockGrant>> RenewAsync(IReadOnlyCollection<LockGrant> grants, TimeSpan lease, CancellationToken ct = default);

    /// <summary>Releases <paramref name="name"/> held by <paramref name="owner"/> (whichever grant). Idempotent.</summary>
    /// <returns>True when a holding was removed.</returns>
    Task<bool> ReleaseAsync(string name, LockOwner owner, CancellationToken ct = default);

    /// <summary>Releases exactly this grant: nothing if the owner has since been granted the lock again under a newer token.</summary>
    /// <returns>True when the holding was removed.</returns>
    Task<bool> ReleaseAsync(LockGrant grant, CancellationToken ct = default);

    /// <summary>Releases everything <paramref name="ownerId"/> holds. The runtime calls it when an activation deactivates.</summary>
    /// <returns>How many holdings were removed.</returns>
    Task<int> ReleaseOwnerAsync(string ownerId, CancellationToken ct = default);

    /// <summary>Releases everything held by owners on silo <paramref name="siloId"/>.</summary>
    /// <returns>How many holdings were removed.</returns>
    Task<int> ReleaseSiloAsync(string siloId, CancellationToken ct = default);

    /// <summary>Every live holding (lease not expired, silo not dead), by lock name then token: what operators see.</summary>
    Task<IReadOnlyList<LockHolding>> ListLiveAsync(CancellationToken ct = default);
}
