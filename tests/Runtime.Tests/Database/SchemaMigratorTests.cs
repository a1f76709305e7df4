using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Database.Migrations;
using OrleansPlatform.Runtime.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Database;

public sealed class SchemaMigratorTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public void Both_providers_ship_the_same_migration_versions()
    {
        var sqlite = EmbeddedMigrationScripts.Load(DatabaseProvider.Sqlite);
        var postgres = EmbeddedMigrationScripts.Load(DatabaseProvider.Postgres);

        Assert.Contains(sqlite, script => script.FileName == "0001_grain_state.sql" && script.Path == "sql/sqlite/0001_grain_state.sql");
        Assert.Equal(sqlite.Select(script => script.FileName), postgres.Select(script => script.FileName));
        Assert.Contains("jsonb", postgres.Single(script => script.FileName == "0001_grain_state.sql").Sql, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, sqlite.Count).Select(v => (long)v), sqlite.Select(script => (long)script.Version));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Migrating_twice_applies_nothing_the_second_time(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider, Ct);
        await using var services = database.BuildServices();
        var migrator = services.GetRequiredService<ISchemaMigrator>();
        var expected = EmbeddedMigrationScripts.Load(database.Kind);

        var first = await migrator.MigrateAsync(Ct);
        var second = await migrator.MigrateAsync(Ct);

        Assert.Equal(expected.Select(script => script.FileName), first);
        Assert.Empty(second);
        await using var connection = await services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
        var recorded = (await connection.QueryAsync<(long Version, string Name)>("SELECT version, name FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(expected.Select(script => ((long)script.Version, script.FileName)), recorded);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM grain_state"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_migrators_on_a_fresh_database_apply_each_migration_once(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider, Ct);
        const int Migrators = 6;

        // A probe migration that would insert a second row (or fail on CREATE TABLE) if two migrators ran it.
        var scripts = EmbeddedMigrationScripts.Load(database.Kind)
            .Append(new MigrationScript(9001, "9001_probe.sql", "sql/test/9001_probe.sql", "CREATE TABLE migration_probe (id integer NOT NULL); INSERT INTO migration_probe (id) VALUES (1);"))
            .ToList();

        // One service provider each: separate connection pools, like separate silo processes.
        var hosts = Enumerable.Range(0, Migrators).Select(_ => database.BuildServices()).ToList();
        try
        {
            using var start = new Barrier(Migrators);
            var runs = hosts.Select(host => Task.Run(async () =>
            {
                var migrator = new SchemaMigrator(host.GetRequiredService<IClusterDatabase>(), scripts, NullLogger<SchemaMigrator>.Instance);
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                return await migrator.MigrateAsync(Ct);
            })).ToList();
            var applied = await Task.WhenAll(runs);

            Assert.Equal(scripts.Select(script => script.FileName).Order(StringComparer.Ordinal), applied.SelectMany(names => names).Order(StringComparer.Ordinal));
            await using var connection = await hosts[0].GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
            var counts = (await connection.QueryAsync<(long Version, long Count)>(
                "SELECT version, COUNT(*) FROM schema_migrations GROUP BY version ORDER BY version")).ToList();
            Assert.Equal(scripts.Select(script => ((long)script.Version, 1L)), counts);
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM migration_probe"));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_host_migrates_at_start_up(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider, Ct);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddClusterDatabase(database.Configure);
        using var host = builder.Build();

        await host.StartAsync(Ct);
        try
        {
            await using var connection = await host.Services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM grain_state"));
        }
        finally
        {
            await host.StopAsync(Ct);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_failed_migration_stops_start_up_naming_the_file_and_keeps_earlier_ones(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider, Ct);
        var broken = new MigrationScript(9999, "9999_broken.sql", "sql/test/9999_broken.sql", "CREATE TABLE broken_one (id integer); CREATE TABLE (;");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<ISchemaMigrator>(provider => new SchemaMigrator(
            provider.GetRequiredService<IClusterDatabase>(),
            [.. EmbeddedMigrationScripts.Load(database.Kind), broken],
            NullLogger<SchemaMigrator>.Instance));
        builder.Services.AddClusterDatabase(database.Configure);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => host.StartAsync(Ct));

        Assert.Contains("sql/test/9999_broken.sql", error.Message, StringComparison.Ordinal);
        Assert.Equal(9999, error.Version);
        await using var connection = await host.Services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
        Assert.Equal(
            EmbeddedMigrationScripts.Load(database.Kind).Select(script => (long)script.Version),
            await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version"));
        var brokenTables = database.Kind == DatabaseProvider.Postgres
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'broken_one'"
            : "SELECT COUNT(*) FROM sqlite_master WHERE name = 'broken_one'";
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(brokenTables));
    }
}
