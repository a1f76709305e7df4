using System.Reflection;
using System.Runtime.Loader;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Data.Migrations;

namespace OrleansPlatform.Workflows.Tests.Data;

/// <summary>
/// The migrations every table-owning project embeds (Silo.Hosting, Grains, Workflows.Services, Workflows.Applications, Gateway, Agent), applied together by
/// <see cref="ISchemaMigrator"/> on a real database of each provider.
/// </summary>
public sealed class SchemaMigratorTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    // The Gateway is an executable this project does not reference; its assembly is read for its resources only.
    private static readonly Lazy<Assembly> GatewayAssembly = new(() =>
        new AssemblyLoadContext("gateway-migrations").LoadFromAssemblyPath(RepoPaths.GatewayDll));

    // Which project owns which migration (and so which table), as the projects' csproj files embed them.
    private static readonly Dictionary<int, string> Owners = new()
    {
        [1] = "OrleansPlatform.Silo.Hosting",
        [2] = "OrleansPlatform.Silo.Hosting",
        [3] = "OrleansPlatform.Silo.Hosting",
        [4] = "OrleansPlatform.Grains",
        [5] = "OrleansPlatform.Workflows.Services",
        [6] = "OrleansPlatform.Workflows.Applications",
        [7] = "OrleansPlatform.Grains",
        [8] = "OrleansPlatform.Gateway",
        [9] = "OrleansPlatform.Grains",
        [10] = "OrleansPlatform.Silo.Hosting",
        [11] = "OrleansPlatform.Grains",
        [12] = "OrleansPlatform.Grains",
        [13] = "OrleansPlatform.Grains",
        [14] = "OrleansPlatform.Workflows.Applications",
        [15] = "OrleansPlatform.Grains",
        [16] = "OrleansPlatform.Agent",
        [17] = "OrleansPlatform.Workflows.Applications",
        [18] = "OrleansPlatform.Gateway",
    };

    public static TheoryData<DatabaseProvider> Kinds => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);

    private static Assembly[] OwningAssemblies => [.. PlatformMigrations.SiloAssemblies, GatewayAssembly.Value, typeof(OrleansPlatform.Agent.Hosting.AgentServiceCollectionExtensions).Assembly];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_sql_file_is_embedded_by_exactly_its_owning_project_with_the_same_text(DatabaseProvider provider)
    {
        var folder = Path.Combine(RepoPaths.Root, "sql", EmbeddedMigrationSource.FolderOf(provider));
        var files = Directory.GetFiles(folder, "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var embedded = OwningAssemblies
            .SelectMany(assembly => new EmbeddedMigrationSource(assembly).Scripts(provider).Select(script => (Owner: assembly.GetName().Name!, Script: script)))
            .ToList();

        Assert.NotEmpty(files);
        Assert.Equal(files, embedded.Select(e => e.Script.FileName).Order(StringComparer.Ordinal));
        foreach (var (owner, script) in embedded)
        {
            Assert.Equal($"sql/{EmbeddedMigrationSource.FolderOf(provider)}/{script.FileName}", script.Path);
            Assert.Equal(int.Parse(script.FileName.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture), script.Version);
            Assert.Equal(Owners[script.Version], owner);
            Assert.Equal(Normalise(File.ReadAllText(Path.Combine(folder, script.FileName))), Normalise(script.Sql));
        }
    }

    [Fact]
    public void Both_providers_ship_the_same_versions_except_the_membership_table_which_sqlite_does_without()
    {
        var postgres = Collect(DatabaseProvider.Postgres).Select(script => script.Version).ToList();
        var sqlite = Collect(DatabaseProvider.Sqlite).Select(script => script.Version).ToList();

        Assert.Equal(Enumerable.Range(1, Owners.Count), postgres);
        Assert.Equal(postgres.Where(version => version != 2), sqlite);
        Assert.Contains(Collect(DatabaseProvider.Postgres), script => script.FileName == "0002_orleans_membership.sql");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task All_sources_apply_in_version_order_whatever_the_registration_order_and_a_second_run_applies_nothing(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider, Ct);

        // Registered in reverse ownership order: the order of application is the version order all the same.
        await using var services = database.BuildServices(collection =>
        {
            foreach (var assembly in OwningAssemblies.Reverse())
            {
                collection.AddMigrationsFrom(assembly);
            }
        });
        var expected = Collect(database.Kind);

        var first = await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(Ct);
        var second = await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(Ct);

        Assert.Equal(expected.Select(script => script.FileName), first);
        Assert.Empty(second);

        // Another process with its own migrator finds nothing to do either.
        await using (var other = database.BuildServices(collection => Array.ForEach(OwningAssemblies, assembly => collection.AddMigrationsFrom(assembly))))
        {
            Assert.Empty(await other.GetRequiredService<ISchemaMigrator>().MigrateAsync(Ct));
        }

        await using var connection = await services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
        var recorded = (await connection.QueryAsync<(long Version, string Name)>("SELECT version, name FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(expected.Select(script => ((long)script.Version, script.FileName)), recorded);

        // Every project's tables are there, and Orleans' named queries were stored.
        string[] tables =
        [
            "OrleansQuery", "OrleansStorage", "grain_state", "platform_silos", "cluster_locks", "cluster_lock_holders",
            "products", "orders", "order_lines", "session_events", "data_protection_keys", "app_users",
        ];
        string[] present = database.Kind == DatabaseProvider.Postgres ? [.. tables, "OrleansMembershipTable", "OrleansMembershipVersionTable"] : tables;
        foreach (var table in present)
        {
            Assert.True(await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}") >= 0, table);
        }

        var queries = (await connection.QueryAsync<string>("SELECT QueryKey FROM OrleansQuery")).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey"], StringComparer.Ordinal), queries);
        if (database.Kind == DatabaseProvider.Postgres)
        {
            Assert.Contains("InsertMembershipKey", queries);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_migrators_in_separate_processes_apply_each_migration_exactly_once(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider, Ct);
        const int Migrators = 6;

        // A probe that would insert a second row (or fail on CREATE TABLE) if two migrators ran it.
        var probe = new ScriptSource(new MigrationScript(
            9001, "9001_probe.sql", "sql/test/9001_probe.sql", "CREATE TABLE migration_probe (id integer NOT NULL); INSERT INTO migration_probe (id) VALUES (1);"));

        // One service provider each: separate connection pools and migrators, as separate silo processes have.
        var hosts = Enumerable.Range(0, Migrators).Select(_ => database.BuildServices(collection =>
        {
            Array.ForEach(OwningAssemblies, assembly => collection.AddMigrationsFrom(assembly));
            collection.AddSingleton<IMigrationSource>(probe);
        })).ToList();
        try
        {
            using var start = new Barrier(Migrators);
            var applied = await Task.WhenAll(hosts.Select(host => Task.Run(async () =>
            {
                var migrator = host.GetRequiredService<ISchemaMigrator>();
                start.SignalAndWait(TimeSpan.FromSeconds(60));
                return await migrator.MigrateAsync(Ct);
            })));

            var expected = Collect(database.Kind).Select(script => script.FileName).Append("9001_probe.sql").ToList();
            Assert.Equal(expected.Order(StringComparer.Ordinal), applied.SelectMany(names => names).Order(StringComparer.Ordinal));
            Assert.All(applied, names => Assert.Equal(names.Order(StringComparer.Ordinal), names));

            await using var connection = await hosts[0].GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
            var counts = (await connection.QueryAsync<(long Version, long Count)>(
                "SELECT version, COUNT(*) FROM schema_migrations GROUP BY version ORDER BY version")).ToList();
            Assert.Equal(Collect(database.Kind).Select(script => ((long)script.Version, 1L)).Append((9001L, 1L)), counts);
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
    public async Task A_failing_script_stops_start_up_naming_the_file_rolls_back_and_applies_nothing_after_it(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider, Ct);
        var broken = new MigrationScript(9101, "9101_broken.sql", "sql/test/9101_broken.sql", "CREATE TABLE broken_one (id integer); CREATE TABLE (;");
        var later = new MigrationScript(9102, "9102_later.sql", "sql/test/9102_later.sql", "CREATE TABLE later_one (id integer);");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddClusterDatabase(database.Configure).AddSiloMigrations();
        builder.Services.AddSingleton<IMigrationSource>(new ScriptSource(broken, later));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => host.StartAsync(Ct));

        Assert.Contains("sql/test/9101_broken.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("rolled back", error.Message, StringComparison.Ordinal);
        Assert.Equal("sql/test/9101_broken.sql", error.MigrationPath);
        Assert.Equal(9101, error.Version);
        Assert.NotNull(error.InnerException);

        await using var connection = await host.Services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
        var silo = SchemaMigrator.Collect(PlatformMigrations.SiloAssemblies.Select(assembly => new EmbeddedMigrationSource(assembly)), database.Kind);
        Assert.Equal(silo.Select(script => (long)script.Version), await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(TableCountSql(database.Kind, "broken_one")));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(TableCountSql(database.Kind, "later_one")));

        // Once the script is fixed, the next start applies it and what follows, and nothing else again.
        await using var fixedServices = database.BuildServices(collection => collection
            .AddSiloMigrations()
            .AddSingleton<IMigrationSource>(new ScriptSource(broken with { Sql = "CREATE TABLE broken_one (id integer);" }, later)));
        Assert.Equal(["9101_broken.sql", "9102_later.sql"], await fixedServices.GetRequiredService<ISchemaMigrator>().MigrateAsync(Ct));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(TableCountSql(database.Kind, "broken_one")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_host_migrates_at_start_up_before_the_hosted_services_registered_after_the_database(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider, Ct);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddClusterDatabase(database.Configure).AddMigrationsFrom(PlatformMigrations.WorkflowsServices);
        builder.Services.AddSingleton<TableProbe>().AddHostedService(services => services.GetRequiredService<TableProbe>());
        using var host = builder.Build();

        await host.StartAsync(Ct);
        try
        {
            Assert.Equal(0L, host.Services.GetRequiredService<TableProbe>().LocksAtStart);
        }
        finally
        {
            await host.StopAsync(Ct);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Two_sources_shipping_one_version_are_refused_naming_both_files(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider, Ct);
        var folder = EmbeddedMigrationSource.FolderOf(database.Kind);
        var clash = new MigrationScript(5, "0005_other_table.sql", $"sql/{folder}/0005_other_table.sql", "CREATE TABLE other_table (id integer);");
        await using var services = database.BuildServices(collection => collection
            .AddMigrationsFrom(PlatformMigrations.WorkflowsServices)
            .AddSingleton<IMigrationSource>(new ScriptSource(clash)));

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ISchemaMigrator>());

        Assert.Contains($"sql/{folder}/0005_cluster_locks.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains($"sql/{folder}/0005_other_table.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("same version 5", error.Message, StringComparison.Ordinal);

        // Nothing was applied.
        await using var connection = await services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(TableCountSql(database.Kind, "schema_migrations")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task One_assembly_registered_twice_applies_its_migrations_once(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider, Ct);
        await using var services = database.BuildServices(collection => collection
            .AddMigrationsFrom(PlatformMigrations.Applications)
            .AddMigrationsFrom(PlatformMigrations.Applications)
            .AddSingleton<IMigrationSource>(new EmbeddedMigrationSource(PlatformMigrations.Applications)));

        Assert.Equal(2, services.GetServices<IMigrationSource>().Count());
        Assert.Equal(["0006_catalog.sql", "0014_catalog_search.sql", "0017_orders_user.sql"], await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(Ct));
    }

    private static List<MigrationScript> Collect(DatabaseProvider provider) =>
        [.. SchemaMigrator.Collect(OwningAssemblies.Select(assembly => new EmbeddedMigrationSource(assembly)), provider)];

    private static string Normalise(string sql) => sql.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string TableCountSql(DatabaseProvider provider, string table) => provider == DatabaseProvider.Postgres
        ? $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'"
        : $"SELECT COUNT(*) FROM sqlite_master WHERE name = '{table}'";

    /// <summary>Migrations given in code, as a project other than the real ones would ship them.</summary>
    private sealed class ScriptSource(params MigrationScript[] scripts) : IMigrationSource
    {
        public IEnumerable<MigrationScript> Scripts(DatabaseProvider provider) => scripts;
    }

    /// <summary>A hosted service registered after the database: at its start, the locks table must already be there.</summary>
    private sealed class TableProbe(IClusterDatabase database) : IHostedService
    {
        public long? LocksAtStart { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            LocksAtStart = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cluster_locks");
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
