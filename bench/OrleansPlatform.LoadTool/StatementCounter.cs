using Npgsql;

namespace OrleansPlatform.LoadTool;

/// <summary>
/// Reads PostgreSQL's statement counters (<c>pg_stat_statements</c>: calls per normalized statement) for the database
/// of a connection string, over one connection of its own whose statements are not tracked. The server must preload
/// the library (scripts/postgres.sh does); the extension is created in the database when missing.
/// </summary>
public sealed class StatementCounter : IAsyncDisposable
{
    // Per normalized statement (queryid) and nesting: a statement run inside a function or DO block is not top-level.
    private const string SnapshotQuery = """
        SELECT coalesce(queryid, 0), toplevel, sum(calls)::bigint, min(query)
        FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        GROUP BY 1, 2
        """;

    private const string SettingsQuery =
        "SELECT current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes'), current_setting('server_version')";

    private readonly NpgsqlConnection _connection;

    private StatementCounter(NpgsqlConnection connection, PostgresDurability durability)
    {
        _connection = connection;
        Durability = durability;
    }

    public PostgresDurability Durability { get; }

    public static async Task<StatementCounter> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Our own snapshots are not the workload's statements (a superuser setting; the text filter in
                // StatementStatistics covers a user that may not set it).
                await ExecuteAsync(connection, "SET pg_stat_statements.track = 'none'", cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
            }

            await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", cancellationToken).ConfigureAwait(false);
            PostgresDurability durability;
            await using (var command = new NpgsqlCommand(SettingsQuery, connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                durability = new PostgresDurability(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            }

            var counter = new StatementCounter(connection, durability);
            _ = await counter.SnapshotAsync(cancellationToken).ConfigureAwait(false); // fails now, not at the window's start
            return counter;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("pg_stat_statements is not loaded by the server: start it with shared_preload_libraries=pg_stat_statements (scripts/postgres.sh does).", exception);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Calls so far per statement.</summary>
    public async Task<StatementSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var calls = new Dictionary<(long QueryId, bool TopLevel), (long Calls, string Query)>();
        await using var command = new NpgsqlCommand(SnapshotQuery, _connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            calls[(reader.GetInt64(0), reader.GetBoolean(1))] = (reader.GetInt64(2), reader.IsDBNull(3) ? "" : reader.GetString(3));
        }

        return new StatementSnapshot(calls);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
