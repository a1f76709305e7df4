using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Workflows.Tests.Data;

/// <summary>
/// After a real PostgreSQL restart (a private server of the test's own), the cluster database's pool recovers by itself:
/// Npgsql empties a pool when one of its connections breaks, so of the dead idle connections only the first costs an
/// operation, and every one after it opens a fresh connection. Nothing needs restarting.
/// </summary>
[Trait("Category", "Faults")]
public sealed class PostgresPoolRecoveryTests
{
    private const int Pooled = 5;

    [Fact]
    public async Task After_a_database_restart_at_most_one_operation_fails_and_then_every_one_succeeds_on_fresh_connections()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var database = await postgres.CreateDatabaseAsync();
        var options = new ClusterDatabaseOptions();
        database.Configure(options);
        var cluster = ClusterDatabaseServiceCollectionExtensions.Create(options, NullLoggerFactory.Instance);
        try
        {
            var before = await FillPoolAsync(cluster);
            await postgres.RestartAsync();

            var failures = 0;
            var after = new HashSet<int>();
            for (var i = 0; i < Pooled * 2; i++)
            {
                try
                {
                    await using var connection = await cluster.OpenConnectionAsync(CancellationToken.None);
                    after.Add(await connection.ExecuteScalarAsync<int>("SELECT pg_backend_pid()"));
                }
                catch (Npgsql.NpgsqlException)
                {
                    failures++;
                }
            }

            Assert.True(failures <= 1, $"{failures} operations failed after the restart (the pool kept dead connections)");
            Assert.NotEmpty(after);
            Assert.Empty(after.Intersect(before));
        }
        finally
        {
            await ((IAsyncDisposable)cluster).DisposeAsync();
        }
    }

    // Several connections open at once, then all returned: the pool holds that many idle ones. Returns their backends.
    private static async Task<HashSet<int>> FillPoolAsync(IClusterDatabase cluster)
    {
        var connections = new List<System.Data.Common.DbConnection>();
        var backends = new HashSet<int>();
        for (var i = 0; i < Pooled; i++)
        {
            var connection = await cluster.OpenConnectionAsync(CancellationToken.None);
            backends.Add(await connection.ExecuteScalarAsync<int>("SELECT pg_backend_pid()"));
            connections.Add(connection);
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        Assert.Equal(Pooled, backends.Count);
        return backends;
    }
}
