using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Database;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>
/// The SQL of membership for one cluster. Every time stored or compared is the database clock. Status changes run in a
/// transaction that first bumps <c>membership_version</c> from the version it just read
/// (<c>UPDATE ... SET version = version + 1 WHERE cluster_id = @c AND version = @v</c>, retried on conflict) and is
/// rolled back when the change itself touches no row, so the version grows by exactly the number of changes. On
/// PostgreSQL each change also sends <c>pg_notify</c> on <see cref="Channel"/>, delivered at commit.
/// </summary>
internal sealed class MembershipTable
{
    private const int MaxAttempts = 20;

    private readonly IClusterDatabase database;
    private readonly ILogger logger;
    private readonly string nowMs;
    private readonly HashSet<string> reportedProblems = new(StringComparer.Ordinal);

    public MembershipTable(IClusterDatabase database, string clusterId, ILogger logger)
    {
        this.database = database;
        this.logger = logger;
        ClusterId = clusterId;
        Channel = ChannelOf(clusterId);
        IsPostgres = database.Provider == DatabaseProvider.Postgres;
        nowMs = IsPostgres
            ? "(extract(epoch from clock_timestamp()) * 1000)::bigint"
            : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }

    public string ClusterId { get; }

    /// <summary>The PostgreSQL notification channel of the cluster: <c>membership_</c> + 32 hex digits of SHA-256(cluster id).</summary>
    public string Channel { get; }

    public bool IsPostgres { get; }

    /// <summary>A channel name that is a valid, lower-case identifier whatever the cluster id holds.</summary>
    public static string ChannelOf(string clusterId) =>
        "membership_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clusterId)).AsSpan(0, 16));

    /// <summary>Creates the cluster's version row (version 0) unless it exists; safe when several silos race.</summary>
    public async Task EnsureVersionRowAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO membership_version (cluster_id, version) VALUES (@ClusterId, 0) ON CONFLICT (cluster_id) DO NOTHING",
            new { ClusterId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Reads the version, the database clock and every row of the cluster. Malformed rows are logged and skipped (or defaulted).</summary>
    public async Task<MembershipSnapshot> ReadAsync(TimeSpan suspicionWindow, CancellationToken cancellationToken)
    {
        long version;
        long now;
        List<MembershipRow> rows;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            // Version first: rows read after it are at least as new, so a missed change shows as a new version next time.
            var head = await connection.QuerySingleAsync<(long Version, long Now)>(new CommandDefinition(
                $"SELECT COALESCE((SELECT version FROM membership_version WHERE cluster_id = @ClusterId), 0) AS Version, {nowMs} AS Now",
                new { ClusterId },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            version = head.Version;
            now = head.Now;
            rows = [.. await connection.QueryAsync<MembershipRow>(new CommandDefinition(
                SelectRowsSql,
                new { ClusterId },
                cancellationToken: cancellationToken)).ConfigureAwait(false)];
        }

        var window = (long)suspicionWindow.TotalMilliseconds;
        var builder = ImmutableArray.CreateBuilder<SiloEntry>(rows.Count);
        foreach (var row in rows)
        {
            if (ToEntry(row, now - window) is { } entry)
            {
                builder.Add(entry);
            }
        }

        return new MembershipSnapshot(version, builder.ToImmutable(), now);
    }

    /// <summary>Inserts this silo's row as <see cref="SiloStatus.Joining"/> (a change: bumps the version).</summary>
    public Task<bool> InsertJoiningAsync(ILocalSiloDetails silo, SiloLoad load, CancellationToken cancellationToken)
    {
        var address = silo.Address;
        var sql =
            "INSERT INTO membership (cluster_id, silo_id, host, port, generation, silo_name, role, pid, status, started_at_ms, heartbeat_at_ms, load, config_digest) "
            + $"VALUES (@ClusterId, @SiloId, @Host, @Port, @Generation, @SiloName, @Role, @Pid, @Status, {nowMs}, {nowMs}, {Json("@Load")}, @ConfigDigest)";
        var parameters = new
        {
            ClusterId,
            SiloId = address.Id,
            address.Host,
            address.Port,
            address.Generation,
            SiloName = silo.Name,
            silo.Role,
            Pid = Environment.ProcessId,
            Status = (int)SiloStatus.Joining,
            Load = MembershipJson.FormatLoad(load),
            silo.ConfigDigest,
        };
        return ChangeAsync(
            $"insert silo {address.Id} as Joining",
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <summary>
    /// Sets <paramref name="siloId"/>'s status to <paramref name="status"/> (and its heartbeat to now) when its current status is
    /// below it and not Dead. False when no row qualified (e.g. it was declared dead meanwhile).
    /// </summary>
    public Task<bool> SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken)
    {
        var sql =
            $"UPDATE membership SET status = @Status, heartbeat_at_ms = {nowMs} "
            + "WHERE cluster_id = @ClusterId AND silo_id = @SiloId AND status < @Status AND status >= @Joining";
        var parameters = new { ClusterId, SiloId = siloId, Status = (int)status, Joining = (int)SiloStatus.Joining };
        return ChangeAsync(
            $"set silo {siloId} to {status}",
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <summary>
    /// Declares <paramref name="siloId"/> dead if it is still Joining, Active or ShuttingDown and, when
    /// <paramref name="staleFor"/> is given, its heartbeat is older than that by the database clock now.
    /// </summary>
    public Task<bool> DeclareDeadAsync(string siloId, TimeSpan? staleFor, CancellationToken cancellationToken)
    {
        var sql =
            "UPDATE membership SET status = @Dead WHERE cluster_id = @ClusterId AND silo_id = @SiloId AND status >= @Joining AND status < @Dead"
            + (staleFor is null ? string.Empty : $" AND heartbeat_at_ms < {nowMs} - @StaleMs");
        var parameters = new
        {
            ClusterId,
            SiloId = siloId,
            Dead = (int)SiloStatus.Dead,
            Joining = (int)SiloStatus.Joining,
            StaleMs = (long)(staleFor ?? TimeSpan.Zero).TotalMilliseconds,
        };
        return ChangeAsync(
            $"declare silo {siloId} dead",
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <summary>
    /// Writes this silo's heartbeat (database now) and load. Returns false when the row is no longer Joining, Active or
    /// ShuttingDown (declared dead, or gone). Not a change: the version stays.
    /// </summary>
    public async Task<bool> HeartbeatAsync(string siloId, SiloLoad load, CancellationToken cancellationToken)
    {
        var sql =
            $"UPDATE membership SET heartbeat_at_ms = {nowMs}, load = {Json("@Load")} "
            + "WHERE cluster_id = @ClusterId AND silo_id = @SiloId AND status >= @Joining AND status < @Dead";
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            sql,
            new { ClusterId, SiloId = siloId, Load = MembershipJson.FormatLoad(load), Joining = (int)SiloStatus.Joining, Dead = (int)SiloStatus.Dead },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows > 0;
    }

    /// <summary>
    /// Records (or refreshes) <paramref name="bySiloId"/>'s suspicion of <paramref name="targetId"/>, dropping entries older
    /// than <paramref name="window"/>; compare-and-set on the column, retried. Returns the fresh suspicions after the write,
    /// or null when the target is no longer Joining, Active or ShuttingDown. Not a change: the version stays.
    /// </summary>
    public async Task<IReadOnlyList<Suspicion>?> AddSuspicionAsync(string targetId, string bySiloId, TimeSpan window, CancellationToken cancellationToken)
    {
        var select =
            $"SELECT {Text("suspicions")} AS Suspicions, {nowMs} AS Now FROM membership "
            + "WHERE cluster_id = @ClusterId AND silo_id = @SiloId AND status >= @Joining AND status < @Dead";
        var update =
            $"UPDATE membership SET suspicions = {Json("@New")} "
            + $"WHERE cluster_id = @ClusterId AND silo_id = @SiloId AND status >= @Joining AND status < @Dead AND suspicions = {Json("@Old")}";
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var row = await connection.QuerySingleOrDefaultAsync<SuspicionsRow>(new CommandDefinition(
                select,
                new { ClusterId, SiloId = targetId, Joining = (int)SiloStatus.Joining, Dead = (int)SiloStatus.Dead },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            List<Suspicion> existing;
            try
            {
                existing = MembershipJson.ParseSuspicions(row.Suspicions);
            }
            catch (JsonException exception)
            {
                ReportProblem(targetId, $"malformed suspicions JSON, replaced: {exception.Message}");
                existing = [];
            }

            var oldest = row.Now - (long)window.TotalMilliseconds;
            var fresh = existing
                .Where(s => s.AtMs >= oldest && !string.Equals(s.By, bySiloId, StringComparison.Ordinal))
                .Append(new Suspicion(bySiloId, row.Now))
                .ToList();
            var written = await connection.ExecuteAsync(new CommandDefinition(
                update,
                new
                {
                    ClusterId,
                    SiloId = targetId,
                    Joining = (int)SiloStatus.Joining,
                    Dead = (int)SiloStatus.Dead,
                    New = MembershipJson.FormatSuspicions(fresh),
                    Old = row.Suspicions ?? "[]",
                },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (written > 0)
            {
                return fresh;
            }

            MembershipLog.SuspicionConflict(logger, targetId, attempt);
        }

        MembershipLog.ChangeGaveUp(logger, $"recording a suspicion of {targetId}", MaxAttempts);
        return null;
    }

    /// <summary>Deletes Dead rows whose heartbeat is older than <paramref name="retention"/>. Not a change: the version stays.</summary>
    public async Task<int> DeleteDefunctAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM membership WHERE cluster_id = @ClusterId AND status = @Dead AND heartbeat_at_ms < {nowMs} - @RetentionMs",
            new { ClusterId, Dead = (int)SiloStatus.Dead, RetentionMs = (long)retention.TotalMilliseconds },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private string SelectRowsSql =>
        "SELECT silo_id AS SiloId, host AS Host, port AS Port, generation AS Generation, silo_name AS SiloName, role AS Role, pid AS Pid, "
        + "status AS Status, started_at_ms AS StartedAtMs, heartbeat_at_ms AS HeartbeatAtMs, "
        + $"{Text("suspicions")} AS Suspicions, {Text("load")} AS Load, config_digest AS ConfigDigest "
        + "FROM membership WHERE cluster_id = @ClusterId ORDER BY silo_id";

    private string Json(string parameter) => IsPostgres ? $"CAST({parameter} AS jsonb)" : parameter;

    private string Text(string column) => IsPostgres ? $"{column}::text" : column;

    /// <summary>
    /// Runs one change in a transaction: read the version, bump it conditionally (retry on conflict), apply the change, and
    /// commit only when the change touched a row. Returns whether a change was committed.
    /// </summary>
    private async Task<bool> ChangeAsync(string what, Func<DbConnection, DbTransaction, Task<int>> change, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            var version = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                "SELECT version FROM membership_version WHERE cluster_id = @ClusterId",
                new { ClusterId },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (version is null)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                await EnsureVersionRowAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var bumped = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE membership_version SET version = version + 1 WHERE cluster_id = @ClusterId AND version = @Version",
                new { ClusterId, Version = version.Value },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (bumped == 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                MembershipLog.VersionConflict(logger, what, attempt);
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (await change(connection, transaction).ConfigureAwait(false) == 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }

            if (IsPostgres)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_notify(@Channel, @Payload)",
                    new { Channel, Payload = (version.Value + 1).ToString(CultureInfo.InvariantCulture) },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        MembershipLog.ChangeGaveUp(logger, what, MaxAttempts);
        return false;
    }

    private static async ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // SQLite: BEGIN IMMEDIATE takes the write lock up front, so writers serialise instead of failing with SQLITE_BUSY on upgrade.
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        }

        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
    }

    private SiloEntry? ToEntry(MembershipRow row, long oldestFreshSuspicion)
    {
        SiloAddress address;
        try
        {
            address = SiloAddress.Parse(row.SiloId);
        }
        catch (Exception exception) when (exception is FormatException or OverflowException)
        {
            ReportProblem(row.SiloId, $"the silo id is malformed ({exception.Message}); row ignored");
            return null;
        }

        if (row.Status is < (long)SiloStatus.Joining or > (long)SiloStatus.Dead)
        {
            ReportProblem(row.SiloId, $"unknown status {row.Status.ToString(CultureInfo.InvariantCulture)}; row ignored");
            return null;
        }

        SiloLoad load;
        try
        {
            load = MembershipJson.ParseLoad(row.Load);
        }
        catch (JsonException exception)
        {
            ReportProblem(row.SiloId, $"malformed load JSON, read as empty: {exception.Message}");
            load = SiloLoad.Empty;
        }

        IReadOnlyList<string> suspectedBy;
        try
        {
            suspectedBy = [.. MembershipJson.ParseSuspicions(row.Suspicions)
                .Where(s => s.AtMs >= oldestFreshSuspicion)
                .Select(s => s.By)
                .Distinct(StringComparer.Ordinal)];
        }
        catch (JsonException exception)
        {
            ReportProblem(row.SiloId, $"malformed suspicions JSON, read as none: {exception.Message}");
            suspectedBy = [];
        }

        return new SiloEntry(
            address,
            row.SiloName,
            (SiloStatus)row.Status,
            (int)row.Pid,
            row.Role,
            row.StartedAtMs,
            row.HeartbeatAtMs,
            load,
            row.ConfigDigest ?? string.Empty,
            suspectedBy);
    }

    /// <summary>The suspicions of one row with the database clock.</summary>
    private sealed class SuspicionsRow
    {
        public string? Suspicions { get; set; }

        public long Now { get; set; }
    }

    /// <summary>Logs a problem of a row once (per row and problem), not at every refresh.</summary>
    private void ReportProblem(string siloId, string problem)
    {
        bool first;
        lock (reportedProblems)
        {
            first = reportedProblems.Count < 10_000 && reportedProblems.Add(siloId + "\n" + problem);
        }

        if (first)
        {
            MembershipLog.MalformedRow(logger, siloId, problem);
        }
    }
}
