using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// Cluster locks in the cluster database: <c>cluster_locks</c> (one row per name, holding the fencing counter) and
/// <c>cluster_lock_holders</c> (one row per holder). An acquisition is one transaction that serialises on the name
/// (PostgreSQL: <c>SELECT ... FOR UPDATE</c> of the lock row; SQLite: <c>BEGIN IMMEDIATE</c>), deletes the name's stale
/// holders (lease expired by the database clock, or silo Dead in Orleans' membership table), checks the remaining ones, then
/// issues the next token and records the holder.
/// </summary>
internal sealed partial class AdoNetClusterLockStore : IClusterLockStore
{
    private readonly IClusterDatabase database;
    private readonly ILogger<AdoNetClusterLockStore> logger;
    private readonly ClusterLockSql sql;

    public AdoNetClusterLockStore(IClusterDatabase database, ILogger<AdoNetClusterLockStore> logger)
    {
        this.database = database;
        this.logger = logger;
        sql = ClusterLockSql.For(database.Provider);
    }

    public async Task<LockGrant?> TryAcquireAsync(string name, LockMode mode, LockOwner owner, TimeSpan lease, CancellationToken ct = default)
    {
        LockArguments.ValidateName(name);
        LockArguments.ValidateMode(mode);
        LockArguments.ValidateOwner(owner);
        var leaseMs = LockArguments.LeaseMilliseconds(lease);

        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await BeginSerialisedAsync(connection, ct);
        var key = new { Name = name };
        await connection.ExecuteAsync(new CommandDefinition(sql.EnsureLock, key, transaction, cancellationToken: ct));
        var row = await connection.QuerySingleAsync<LockRow>(new CommandDefinition(sql.LockAndReadClock, key, transaction, cancellationToken: ct));
        var stale = await connection.ExecuteAsync(new CommandDefinition(
            sql.DeleteStaleHolders, new { Name = name, row.NowMs }, transaction, cancellationToken: ct));
        if (stale > 0)
        {
            LocksLog.StaleHoldersRemoved(logger, stale, name);
        }

        var holders = (await connection.QueryAsync<HolderRow>(new CommandDefinition(sql.ReadHolders, key, transaction, cancellationToken: ct))).AsList();
        var own = holders.Find(holder => string.Equals(holder.OwnerId, owner.OwnerId, StringComparison.Ordinal));
        if (own is not null)
        {
            // Keep the clean-up; refuse the nested acquisition.
            await transaction.CommitAsync(ct);
            throw new LockAlreadyHeldException(name, owner.OwnerId, (LockMode)own.Mode, mode);
        }

        var free = mode == LockMode.Exclusive ? holders.Count == 0 : holders.TrueForAll(holder => holder.Mode != (long)LockMode.Exclusive);
        if (!free)
        {
            await transaction.CommitAsync(ct);
            return null;
        }

        var token = checked(row.LastToken + 1);
        await connection.ExecuteAsync(new CommandDefinition(sql.AdvanceToken, new { Name = name, Token = token }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            sql.InsertHolder,
            new { Name = name, owner.OwnerId, owner.SiloId, Mode = (short)mode, Token = token, row.NowMs, LeaseMs = leaseMs },
            transaction,
            cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return new LockGrant(name, mode, owner, token, row.NowMs + leaseMs);
    }

    public async Task<IReadOnlyList<LockGrant>> RenewAsync(IReadOnlyCollection<LockGrant> grants, TimeSpan lease, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(grants);
        var leaseMs = LockArguments.LeaseMilliseconds(lease);
        if (grants.Count == 0)
        {
            return [];
        }

        var renewed = new List<LockGrant>(grants.Count);
        await using var connection = await database.OpenConnectionAsync(ct);

        // One statement (and so one transaction) per grant: each touches one row, which cannot deadlock with anything.
        foreach (var grant in grants)
        {
            ArgumentNullException.ThrowIfNull(grant, nameof(grants));
            var expiresAt = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                sql.Renew,
                new { grant.Name, grant.Owner.OwnerId, Token = grant.FencingToken, LeaseMs = leaseMs },
                cancellationToken: ct));
            if (expiresAt is { } expiry)
            {
                renewed.Add(grant with { LeaseExpiresAtMs = expiry });
            }
        }

        return renewed;
    }

    public async Task<bool> ReleaseAsync(string name, LockOwner owner, CancellationToken ct = default)
    {
        LockArguments.ValidateName(name);
        LockArguments.ValidateOwner(owner);
        await using var connection = await database.OpenConnectionAsync(ct);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            sql.ReleaseHolding, new { Name = name, owner.OwnerId, owner.SiloId }, cancellationToken: ct));
        return deleted > 0;
    }

    public async Task<bool> ReleaseAsync(LockGrant grant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await using var connection = await database.OpenConnectionAsync(ct);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            sql.ReleaseGrant, new { grant.Name, grant.Owner.OwnerId, Token = grant.FencingToken }, cancellationToken: ct));
        return deleted > 0;
    }

    public async Task<int> ReleaseOwnerAsync(string ownerId, CancellationToken ct = default)
    {
        LockArguments.ValidateOwnerId(ownerId);
        var count = await ReleaseManyAsync(sql.LockRowsOfOwner, sql.ReleaseOwner, new { OwnerId = ownerId }, ct);
        if (count > 0)
        {
            LocksLog.OwnerReleased(logger, count, ownerId);
        }

        return count;
    }

    public async Task<int> ReleaseSiloAsync(string siloId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(siloId);
        if (string.IsNullOrWhiteSpace(siloId))
        {
            throw new ArgumentException("A silo id must not be empty.", nameof(siloId));
        }

        var count = await ReleaseManyAsync(sql.LockRowsOfSilo, sql.ReleaseSilo, new { SiloId = siloId }, ct);
        if (count > 0)
        {
            LocksLog.SiloReleased(logger, count, siloId);
        }

        return count;
    }

    public async Task<IReadOnlyList<LockHolding>> ListLiveAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<HoldingRow>(new CommandDefinition(sql.ListLive, cancellationToken: ct));
        return rows.Select(r => new LockHolding(
            r.Name,
            (LockMode)r.Mode,
            new LockOwner(r.OwnerId, r.SiloId),
            r.FencingToken,
            DateTimeOffset.FromUnixTimeMilliseconds(r.AcquiredAtMs),
            DateTimeOffset.FromUnixTimeMilliseconds(r.LeaseExpiresAtMs),
            TimeSpan.FromMilliseconds(Math.Max(0, r.LeaseExpiresAtMs - r.NowMs)))).ToList();
    }

    private async Task<int> ReleaseManyAsync(string? lockRows, string delete, object parameters, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        if (lockRows is null)
        {
            // SQLite: one statement holds the file's write lock for its duration; nothing else to order.
            return await connection.ExecuteAsync(new CommandDefinition(delete, parameters, cancellationToken: ct));
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(lockRows, parameters, transaction, cancellationToken: ct));
        var count = await connection.ExecuteAsync(new CommandDefinition(delete, parameters, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return count;
    }

    private static async Task<DbTransaction> BeginSerialisedAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection is SqliteConnection sqlite)
        {
            // deferred: false = BEGIN IMMEDIATE: the write lock now (waiting up to busy_timeout), so reads see the latest holders.
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        }

        // READ COMMITTED: after SELECT ... FOR UPDATE of the lock row, each later statement sees what the previous
        // holder of that row lock committed.
        return await connection.BeginTransactionAsync(ct);
    }

    private sealed class LockRow
    {
        public long LastToken { get; set; }

        public long NowMs { get; set; }
    }

    private sealed class HoldingRow
    {
        public string Name { get; set; } = "";

        public string OwnerId { get; set; } = "";

        public string SiloId { get; set; } = "";

        public long Mode { get; set; }

        public long FencingToken { get; set; }

        public long AcquiredAtMs { get; set; }

        public long LeaseExpiresAtMs { get; set; }

        public long NowMs { get; set; }
    }

    private sealed class HolderRow
    {
        public string OwnerId { get; set; } = "";

        public long Mode { get; set; }
    }
}
