using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// Fencing for writes guarded by cluster locks: inside the writer's own transaction, checks that every lock is still
/// held under its fencing token with a lease the database clock has not passed, and keeps those holder rows from
/// being taken over until the transaction ends (PostgreSQL: <c>FOR SHARE</c>, which an acquisition's delete of a
/// stale holder must wait for; SQLite: the transaction already holds the file's write lock). A writer whose lease
/// expired therefore cannot commit, however late it resumes.
/// </summary>
public static class ClusterLockFence
{
    /// <summary>Checks and pins <paramref name="handles"/> in <paramref name="transaction"/>.</summary>
    /// <exception cref="LockLostException">A lock is not held any more under its token.</exception>
    public static async Task VerifyAsync(
        DbConnection connection,
        DbTransaction transaction,
        DatabaseProvider provider,
        IReadOnlyList<ClusterLockHandle> handles,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(handles);
        if (handles.Count == 0)
        {
            return;
        }

        var now = provider == DatabaseProvider.Postgres
            ? "(extract(epoch from clock_timestamp()) * 1000)::bigint"
            : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
        var sql = new StringBuilder("SELECT lock_name FROM cluster_lock_holders WHERE lease_expires_at_ms > ").Append(now).Append(" AND (");
        var parameters = new DynamicParameters();
        for (var i = 0; i < handles.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "" : " OR ").Append(CultureInfo.InvariantCulture, $"(lock_name = @N{n} AND owner_id = @O{n} AND fencing_token = @T{n})");
            parameters.Add("N" + n, handles[i].Name);
            parameters.Add("O" + n, handles[i].OwnerId);
            parameters.Add("T" + n, handles[i].FencingToken);
        }

        sql.Append(')').Append(provider == DatabaseProvider.Postgres ? " ORDER BY lock_name FOR SHARE" : "");
        var held = (await connection.QueryAsync<string>(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        var lost = handles.Where(handle => !held.Contains(handle.Name)).Select(handle => $"{handle.Name} (token {handle.FencingToken})").ToList();
        if (lost.Count > 0)
        {
            throw new LockLostException($"The write was refused: cluster lock {string.Join(", ", lost)} is no longer held (lease expired or taken over).");
        }
    }
}
