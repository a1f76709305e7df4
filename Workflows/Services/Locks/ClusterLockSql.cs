using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Workflows.Locks;

/// <summary>The statements of <see cref="AdoNetClusterLockStore"/> in one SQL dialect. All are parameterised.</summary>
internal sealed class ClusterLockSql
{
    private const string HolderColumns = "lock_name, owner_id, silo_id, mode, fencing_token, acquired_at_ms, lease_expires_at_ms";

    // Orleans' membership table: a holder's silo id is its SiloAddress in parsable form (address:port@generation); status 6 is
    // SiloStatus.Dead. A silo with no membership row is alive (the row of a long-dead silo may have been cleaned up, but
    // its leases have run out by then).
    private const string PostgresSiloIsDead =
        "EXISTS (SELECT 1 FROM OrleansMembershipTable m WHERE m.Status = 6 "
        + "AND m.Address || ':' || m.Port::text || '@' || m.Generation::text = cluster_lock_holders.silo_id)";

    private static readonly ClusterLockSql Postgres = new(
        now: "(extract(epoch from clock_timestamp()) * 1000)::bigint",
        forUpdate: " FOR UPDATE",
        siloIsDead: PostgresSiloIsDead);

    // The embedded SQLite deployment is one process (localhost clustering, no membership table): its silo is never dead
    // while it can still write.
    private static readonly ClusterLockSql Sqlite = new(
        now: "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
        forUpdate: "",
        siloIsDead: "0");

    private ClusterLockSql(string now, string forUpdate, string siloIsDead)
    {
        EnsureLock = "INSERT INTO cluster_locks (lock_name, last_token) VALUES (@Name, 0) ON CONFLICT (lock_name) DO NOTHING";

        // The clock is read with the row; on PostgreSQL possibly before a wait for the row lock. A clock read early only
        // makes stale holders look live a little longer and the new lease end a little sooner: both on the safe side.
        LockAndReadClock = $"SELECT last_token AS LastToken, {now} AS NowMs FROM cluster_locks WHERE lock_name = @Name{forUpdate}";
        DeleteStaleHolders = $"DELETE FROM cluster_lock_holders WHERE lock_name = @Name AND (lease_expires_at_ms <= @NowMs OR {siloIsDead})";
        ReadHolders = "SELECT owner_id AS OwnerId, CAST(mode AS bigint) AS Mode FROM cluster_lock_holders WHERE lock_name = @Name";
        AdvanceToken = "UPDATE cluster_locks SET last_token = @Token WHERE lock_name = @Name AND last_token < @Token";
        InsertHolder = $"INSERT INTO cluster_lock_holders ({HolderColumns}) "
            + "VALUES (@Name, @OwnerId, @SiloId, @Mode, @Token, @NowMs, @NowMs + @LeaseMs)";
        Renew = $"UPDATE cluster_lock_holders SET lease_expires_at_ms = {now} + @LeaseMs "
            + "WHERE lock_name = @Name AND owner_id = @OwnerId AND fencing_token = @Token "
            + $"AND lease_expires_at_ms > {now} AND NOT {siloIsDead} "
            + "RETURNING lease_expires_at_ms";
        ReleaseHolding = "DELETE FROM cluster_lock_holders WHERE lock_name = @Name AND owner_id = @OwnerId AND silo_id = @SiloId";
        ReleaseGrant = "DELETE FROM cluster_lock_holders WHERE lock_name = @Name AND owner_id = @OwnerId AND fencing_token = @Token";

        // Bulk releases first lock the affected lock rows in name order (PostgreSQL), as acquisitions do one at a time,
        // so that they cannot deadlock with acquisitions that delete stale holders of the same locks.
        LockRowsOfOwner = forUpdate.Length == 0 ? null
            : "SELECT lock_name FROM cluster_locks WHERE lock_name IN (SELECT lock_name FROM cluster_lock_holders WHERE owner_id = @OwnerId) "
                + $"ORDER BY lock_name{forUpdate}";
        LockRowsOfSilo = forUpdate.Length == 0 ? null
            : "SELECT lock_name FROM cluster_locks WHERE lock_name IN (SELECT lock_name FROM cluster_lock_holders WHERE silo_id = @SiloId) "
                + $"ORDER BY lock_name{forUpdate}";
        ReleaseOwner = "DELETE FROM cluster_lock_holders WHERE owner_id = @OwnerId";
        ReleaseSilo = "DELETE FROM cluster_lock_holders WHERE silo_id = @SiloId";
        ListLive = "SELECT lock_name AS Name, owner_id AS OwnerId, silo_id AS SiloId, CAST(mode AS bigint) AS Mode, fencing_token AS FencingToken, "
            + $"acquired_at_ms AS AcquiredAtMs, lease_expires_at_ms AS LeaseExpiresAtMs, {now} AS NowMs FROM cluster_lock_holders "
            + $"WHERE lease_expires_at_ms > {now} AND NOT {siloIsDead} ORDER BY lock_name, fencing_token";
    }

    /// <summary>Creates the lock's row (token counter at 0) unless it exists.</summary>
    public string EnsureLock { get; }

    /// <summary>Locks the lock's row (PostgreSQL) and reads its counter and the database clock (Unix ms).</summary>
    public string LockAndReadClock { get; }

    /// <summary>Deletes the lock's holders whose lease has expired or whose silo is dead.</summary>
    public string DeleteStaleHolders { get; }

    /// <summary>The lock's remaining (live) holders.</summary>
    public string ReadHolders { get; }

    /// <summary>Stores a newly issued token as the lock's counter.</summary>
    public string AdvanceToken { get; }

    /// <summary>Records a new holder.</summary>
    public string InsertHolder { get; }

    /// <summary>Extends one live grant's lease; returns the new expiry, or no row when the grant is lost.</summary>
    public string Renew { get; }

    /// <summary>Deletes one owner's holding of one lock, whatever its token.</summary>
    public string ReleaseHolding { get; }

    /// <summary>Deletes one grant (matching token).</summary>
    public string ReleaseGrant { get; }

    /// <summary>PostgreSQL only: locks, in name order, the rows of the locks an owner holds.</summary>
    public string? LockRowsOfOwner { get; }

    /// <summary>PostgreSQL only: locks, in name order, the rows of the locks held on a silo.</summary>
    public string? LockRowsOfSilo { get; }

    /// <summary>Deletes everything an owner holds.</summary>
    public string ReleaseOwner { get; }

    /// <summary>Deletes everything held on a silo.</summary>
    public string ReleaseSilo { get; }

    /// <summary>Every live holder (lease not expired, silo not dead) with the database clock, by lock name.</summary>
    public string ListLive { get; }

    public static ClusterLockSql For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => Postgres,
        DatabaseProvider.Sqlite => Sqlite,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };
}
