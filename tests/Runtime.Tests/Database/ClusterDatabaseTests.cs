using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Database;

public sealed class ClusterDatabaseTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Sqlite_creates_the_folder_and_opens_connections_in_wal_mode_with_a_busy_timeout()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite, Ct);
        await using var services = database.BuildServices();
        var clusterDatabase = services.GetRequiredService<IClusterDatabase>();

        await using var connection = await clusterDatabase.OpenConnectionAsync(Ct);

        Assert.Equal(DatabaseProvider.Sqlite, clusterDatabase.Provider);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(10000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_provider_is_chosen_from_the_Database_configuration_section(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider, Ct);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(database.EnvironmentVariables.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":", StringComparison.Ordinal), (string?)pair.Value)));
        builder.Services.AddClusterDatabase();
        using var host = builder.Build();

        var clusterDatabase = host.Services.GetRequiredService<IClusterDatabase>();
        await using var connection = await clusterDatabase.OpenConnectionAsync(Ct);

        Assert.Equal(database.Kind, clusterDatabase.Provider);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT 1"));
    }
}
