using System.Diagnostics;
using OrleansPlatform.Grains.Silos;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Cluster;

/// <summary>Object-cache invalidation on the broadcast channel, across three silo processes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CacheInvalidationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_product_renamed_on_one_silo_is_served_renamed_by_every_silo_as_soon_as_the_rename_returns()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 3);
        var silos = (await cluster.ReadMembershipAsync()).Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloId).ToList();
        var controls = silos.Select(id => cluster.Client.GetGrain<ISiloControlGrain>(id)).ToList();

        // Every silo caches product 42 (a second read is a hit).
        var original = (await controls[0].Product(42))!.Name;
        foreach (var control in controls)
        {
            Assert.Equal(original, (await control.Product(42))!.Name);
            Assert.Equal(original, (await control.Product(42))!.Name);
            Assert.True((await control.CacheStatistics()).Single(c => c.CacheType == "product").Hits >= 1);
        }

        var renamed = "Renamed " + Guid.NewGuid().ToString("N")[..8];
        var took = Stopwatch.StartNew();
        Assert.True(await controls[1].RenameProduct(42, renamed));
        output.WriteLine($"rename with cluster-wide invalidation returned after {took.ElapsedMilliseconds} ms");

        // The invalidation is delivered (and awaited) to every silo before the rename returns: no silo serves the old name.
        foreach (var control in controls)
        {
            Assert.Equal(renamed, (await control.Product(42))!.Name);
        }

        Assert.All(await Task.WhenAll(controls.Select(c => c.CacheStatistics())), stats => Assert.True(stats.Single(c => c.CacheType == "product").Evictions >= 1));
        Assert.False(await controls[2].RenameProduct(987_654_321, "nothing"));
    }
}
