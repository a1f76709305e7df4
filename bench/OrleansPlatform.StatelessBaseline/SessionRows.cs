using Npgsql;
using NpgsqlTypes;
using OrleansPlatform.Baselines;

namespace OrleansPlatform.StatelessBaseline;

/// <summary>
/// The table <c>stateless_sessions</c> (id, seq, state as JSON text): one row per session, read at every interaction and
/// written back only if its seq is still the one read (the conditional write is the concurrency guard; no transaction).
/// </summary>
public sealed class SessionRows(NpgsqlDataSource dataSource)
{
    /// <summary>The table, created at start if missing.</summary>
    public const string Schema = "CREATE TABLE IF NOT EXISTS stateless_sessions (id uuid PRIMARY KEY, seq bigint NOT NULL, state text NOT NULL)";

    /// <summary>Inserts a new session at seq 0.</summary>
    public async Task InsertAsync(Guid id, PageState state, CancellationToken ct)
    {
        await using var insert = dataSource.CreateCommand("INSERT INTO stateless_sessions (id, seq, state) VALUES ($1, 0, $2)");
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.ToJson(), NpgsqlDbType = NpgsqlDbType.Text });
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The session's seq and state, or null when there is no such session.</summary>
    public async Task<(long Seq, PageState State)?> ReadAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var select = new NpgsqlCommand("SELECT seq, state FROM stateless_sessions WHERE id = $1", connection);
        select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), PageState.FromJson(reader.GetString(1))) : null;
    }

    /// <summary>Writes the state of interaction <paramref name="seq"/>; false when another write applied it first.</summary>
    public async Task<bool> WriteAsync(NpgsqlConnection connection, Guid id, long seq, PageState state, CancellationToken ct)
    {
        await using var update = new NpgsqlCommand("UPDATE stateless_sessions SET state = $3, seq = $2 WHERE id = $1 AND seq = $2 - 1", connection);
        update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.ToJson(), NpgsqlDbType = NpgsqlDbType.Text });
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }
}
