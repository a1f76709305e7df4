using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Workflows.Tests.Data;

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

    [Fact]
    public async Task A_relative_sqlite_path_is_made_absolute_so_every_component_opens_the_same_file()
    {
        using var folder = new TempDirectory();
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(folder.Path, "nested", "cluster.db"));
        await using var services = new ServiceCollection()
            .AddClusterDatabase(options => (options.Provider, options.ConnectionString) = ("Sqlite", $"Data Source={relative}"))
            .BuildServiceProvider();
        var clusterDatabase = services.GetRequiredService<IClusterDatabase>();

        await using (var connection = await clusterDatabase.OpenConnectionAsync(Ct))
        {
            await connection.ExecuteAsync("CREATE TABLE probe (id INTEGER)");
        }

        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(clusterDatabase.ConnectionString).DataSource;
        Assert.True(Path.IsPathRooted(dataSource), dataSource);
        Assert.Equal(Path.Combine(folder.Path, "nested", "cluster.db"), dataSource);
        Assert.True(File.Exists(dataSource));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Postgres_connections_name_the_application_unless_the_connection_string_does()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres, Ct);
        await using var services = database.BuildServices();
        await using (var connection = await services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct))
        {
            Assert.Equal("orleansplatform", await connection.ExecuteScalarAsync<string>("SELECT current_setting('application_name')"));
        }

        var named = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "ops-console" }.ConnectionString;
        await using var own = new ServiceCollection()
            .AddClusterDatabase(options => (options.Provider, options.ConnectionString) = ("Postgres", named))
            .BuildServiceProvider();
        await using var ownConnection = await own.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
        Assert.Equal("ops-console", await ownConnection.ExecuteScalarAsync<string>("SELECT current_setting('application_name')"));
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
