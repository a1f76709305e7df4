using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Caching;
using Xunit.Abstractions;

namespace OrleansPlatform.Grains.Tests.Caching;

/// <summary>Cache invalidation on the broadcast channel across three in-process silos.</summary>
public sealed class BroadcastCacheInvalidationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Invalidating_an_object_on_one_silo_has_dropped_it_from_every_silo_when_the_call_returns()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var cluster = await PlatformTestCluster.StartAsync(database, 3);
        var caches = Enumerable.Range(0, 3).Select(i => cluster.Service<IObjectCaches>(i).Get(Product.Type)).ToList();
        foreach (var cache in caches)
        {
            Assert.Equal("v1", await cache.GetOrLoadAsync("7", _ => Task.FromResult<string?>("v1"), default));
            Assert.Equal("v1", await cache.GetOrLoadAsync("7", _ => Task.FromResult<string?>("must not load: cached"), default));
        }

        // Delivery is awaited: when InvalidateAsync returns, every silo has applied it (the reads below load v2 at once;
        // a delivery not awaited, or lost, leaves a silo serving v1). The time is a figure; the guard only stops a hang.
        var started = TimeProvider.System.GetTimestamp();
        await caches[0].InvalidateAsync("7", default).WaitAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"the invalidation returned after {TimeProvider.System.GetElapsedTime(started).TotalMilliseconds:0} ms");
        foreach (var cache in caches)
        {
            Assert.Equal("v2", await cache.GetOrLoadAsync("7", _ => Task.FromResult<string?>("v2"), default));
        }

        Assert.All(caches.Skip(1), cache => Assert.True(cache.Statistics.Evictions >= 1));
    }

    [Fact]
    public async Task Clearing_a_cache_type_clears_it_everywhere()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var cluster = await PlatformTestCluster.StartAsync(database, 2);
        var caches = Enumerable.Range(0, 2).Select(i => cluster.Service<IObjectCaches>(i)).ToList();
        foreach (var cache in caches)
        {
            await cache.Get(Product.Type).GetOrLoadAsync("1", _ => Task.FromResult<string?>("one"), default);
            await cache.Get(Product.Type).GetOrLoadAsync("2", _ => Task.FromResult<string?>("two"), default);
        }

        await cluster.Service<ICacheInvalidationBus>(0).PublishAsync(new Workflows.Caching.CacheInvalidation(Product.Type, null), default);

        Assert.Equal(2, caches[0].Get(Product.Type).Statistics.Count);
        Assert.Equal(0, caches[1].Get(Product.Type).Statistics.Count);
    }
}
