using Xunit;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OrleansPlatform.Testing;

/// <summary>
/// Makes fresh, isolated databases for tests. SQLite: a new file in a temp folder. PostgreSQL: <c>CREATE DATABASE t_&lt;hex&gt;</c>
/// on the server named by <see cref="PostgresVariable"/>, which <c>./test.sh</c> starts and exports. Without that
/// variable PostgreSQL tests fail (never skip) and say so.
/// </summary>
public static class TestDatabases
{
    /// <summary>The environment variable with the test PostgreSQL server's connection string (a superuser, no password).</summary>
    public const string PostgresVariable = "ORLEANSPLATFORM_TEST_POSTGRES";

    /// <summary>The SQLite provider name.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>The PostgreSQL provider name.</summary>
    public const string Postgres = "Postgres";

    /// <summary>Both providers, for <c>[MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]</c>.</summary>
    public static TheoryData<string> Providers => new(Sqlite, Postgres);

    /// <summary>The test server's connection string, or an error telling how to get one.</summary>
    public static string PostgresServerConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(PostgresVariable);
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException(
                    $"PostgreSQL tests need a PostgreSQL server: {PostgresVariable} is not set. Run ./test.sh from the repository root, "
                    + $"which starts a throw-away server and sets it, or set {PostgresVariable} to a superuser connection string.")
                : value;
        }
    }

    /// <summary>Creates an empty database of <paramref name="provider"/> (<c>Sqlite</c> or <c>Postgres</c>).</summary>
    public static Task<TestDatabase> CreateAsync(string provider, CancellationToken cancellationToken = default) => provider switch
    {
        Sqlite => Task.FromResult(CreateSqlite()),
        Postgres => CreatePostgresAsync(PostgresServerConnectionString, drop: true, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Use TestDatabases.Sqlite or TestDatabases.Postgres."),
    };

    private static string NewName() => "t_" + RandomNumberGenerator.GetHexString(16, lowercase: true);

    private static TestDatabase CreateSqlite()
    {
        var name = NewName();
        var folder = Path.Combine(Path.GetTempPath(), "orleansplatform-tests", name);

        // The folder is left for the provider to create, as it must for ./data on a fresh machine.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "cluster.db") }.ConnectionString;
        return new TestDatabase(Sqlite, name, connectionString, () =>
        {
            using (var connection = new SqliteConnection(connectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException)
            {
                // A connection still open elsewhere; the temp folder is cleaned up with the machine.
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// Creates an empty PostgreSQL database on the server of <paramref name="serverConnectionString"/> (a superuser),
    /// dropped on dispose unless <paramref name="drop"/> is false (a private server that goes with it).
    /// </summary>
    public static async Task<TestDatabase> CreatePostgresAsync(string serverConnectionString, bool drop = true, CancellationToken cancellationToken = default)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        var name = NewName();

        // Identifiers cannot be parameters; the name is generated hex, never input.
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition($"CREATE DATABASE \"{name}\"", cancellationToken: cancellationToken));
        }

        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        return new TestDatabase(Postgres, name, connectionString, async () =>
        {
            if (!drop)
            {
                return;
            }

            await using (var pooled = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }
}
