using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Data.Migrations;

namespace OrleansPlatform.Workflows.Tests.Applications;

/// <summary>Seeding is done once per database, however many silos start at the same moment.</summary>
public sealed class CatalogSeederTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Four_silos_seeding_at_once_insert_the_catalog_once_and_a_restart_inserts_nothing(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var services = database.BuildServices(collection => collection.AddSiloMigrations());
        await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        var cluster = services.GetRequiredService<IClusterDatabase>();

        var inserted = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => CatalogSeeder.SeedAsync(cluster, 2_000, CancellationToken.None))));

        // One seeder inserted every row under the lock; the others waited for its commit and found them.
        Assert.Equal([0, 0, 0, 2_000], inserted.Order());
        await using var connection = await cluster.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(2_000, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM products"));
        Assert.Equal(CatalogSeeder.Describe(1_234).Name, await connection.ExecuteScalarAsync<string>("SELECT name FROM products WHERE id = 1234"));
        Assert.Equal(0, await CatalogSeeder.SeedAsync(cluster, 2_000, CancellationToken.None));

        // A larger catalog later adds only what is missing.
        Assert.Equal(500, await CatalogSeeder.SeedAsync(cluster, 2_500, CancellationToken.None));
    }
}
