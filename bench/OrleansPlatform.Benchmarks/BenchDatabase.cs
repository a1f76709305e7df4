using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OrleansPlatform.Benchmarks;

/// <summary>
/// A fresh database for one benchmark, removed on dispose: SQLite, a new file in a temp folder; PostgreSQL,
/// <c>CREATE DATABASE b_&lt;hex&gt;</c> on the server named by <see cref="PostgresVariable"/> (bench/run.sh starts a
/// throw-away one and sets it).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    /// <summary>The environment variable with the PostgreSQL server's connection string (a role that may create databases).</summary>
    public const string PostgresVariable = "ORLEANSPLATFORM_BENCH_POSTGRES";

    private readonly Func<Task> _drop;

    private BenchDatabase(string provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string provider)
    {
        var name = "b_" + RandomNumberGenerator.GetHexString(12, lowercase: true);
        if (provider == "Sqlite")
        {
            var folder = Path.Combine(Path.GetTempPath(), "orleansplatform-bench", name);
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "cluster.db") }.ConnectionString;
            return new BenchDatabase(provider, connectionString, () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
                return Task.CompletedTask;
            });
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The PostgreSQL benchmarks need a PostgreSQL server: {PostgresVariable} is not set. Run bash bench/run.sh, which "
                + $"starts a throw-away server and sets it, or set {PostgresVariable} to a connection string of a role that may "
                + "create databases (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).");
        var admin = new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;

        // Identifiers cannot be parameters; the name is generated hex.
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        }

        return new BenchDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    public async ValueTask DisposeAsync() => await _drop();
}
