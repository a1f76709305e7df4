using System.Diagnostics;
using System.Text.Json;
using OrleansPlatform.Grains.Silos;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.Catalog;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Cluster;

/// <summary>Object-cache invalidation on the broadcast channel, across three silo processes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CacheInvalidationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_product_renamed_through_the_catalog_is_served_renamed_by_every_silo_as_soon_as_the_rename_returns()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 3);
        var silos = (await cluster.ReadMembershipAsync()).Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloId).ToList();
        var controls = silos.Select(id => cluster.Client.GetGrain<ISiloControlGrain>(id)).ToList();

        // Every silo caches product 42 (a second read is a hit).
        var original = await NameOnAsync(controls[0]);
        foreach (var control in controls)
        {
            Assert.Equal(original, await NameOnAsync(control));
            Assert.Equal(original, await NameOnAsync(control));
            Assert.True((await control.CacheStatistics()).Single(c => c.CacheType == "product").Hits >= 1);
        }

        var renamed = "Renamed " + Guid.NewGuid().ToString("N")[..8];
        var took = Stopwatch.StartNew();
        var catalog = cluster.Client.GetGrain<ICatalogAdminGrain>("test");
        Assert.Equal(renamed, (await catalog.Update(42, new ProductChange(renamed, null, null, null)))!.Name);
        output.WriteLine($"rename with cluster-wide invalidation returned after {took.ElapsedMilliseconds} ms");

        // The invalidation is delivered (and awaited) to every silo before the rename returns: no silo serves the old name.
        foreach (var control in controls)
        {
            Assert.Equal(renamed, await NameOnAsync(control));
        }

        Assert.All(await Task.WhenAll(controls.Select(c => c.CacheStatistics())), stats => Assert.True(stats.Single(c => c.CacheType == "product").Evictions >= 1));
        Assert.Null(await catalog.Update(987_654_321, new ProductChange("nothing", null, null, null)));
        Assert.Null(await controls[2].Entity("product", "987654321"));
    }

    // Product 42 as this silo serves it, through its own object cache.
    private static async Task<string> NameOnAsync(ISiloControlGrain control) =>
        JsonDocument.Parse((await control.Entity("product", "42"))!).RootElement.GetProperty("name").GetString()!;
}
