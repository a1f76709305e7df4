using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.Grains.Caching;
using OrleansPlatform.Workflows.Caching;

namespace OrleansPlatform.Workflows.Tests.Caching;

/// <summary>One silo's object cache: hits and misses, time to live, invalidation racing a load, capacity.</summary>
public sealed class ObjectCacheTests
{
    private readonly FakeTimeProvider clock = new();
    private readonly RecordingBus bus = new();

    [Fact]
    public async Task A_cached_object_is_served_until_its_time_to_live_runs_out_then_reloaded()
    {
        var cache = Cache(timeToLive: TimeSpan.FromMinutes(5));
        Assert.Equal("v1", await cache.GetOrLoadAsync("k", _ => Task.FromResult<string?>("v1"), default));
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("v1", await cache.GetOrLoadAsync("k", _ => Task.FromResult<string?>("v2"), default));

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("v2", await cache.GetOrLoadAsync("k", _ => Task.FromResult<string?>("v2"), default));
        Assert.Equal((1L, 2L), (cache.Statistics.Hits, cache.Statistics.Misses));
        Assert.Equal(1.0 / 3, cache.Statistics.HitRatio, 3);
    }

    [Fact]
    public async Task An_invalidation_that_arrives_while_a_load_is_in_flight_wins_over_what_the_load_read()
    {
        var cache = Cache();
        var release = new TaskCompletionSource<string?>();
        var loading = cache.GetOrLoadAsync("k", _ => release.Task, default);

        // The row changes and its invalidation arrives before the (older) load completes.
        Assert.False(cache.Evict("k"));
        release.SetResult("stale");
        Assert.Equal("stale", await loading);

        Assert.Equal("fresh", await cache.GetOrLoadAsync("k", _ => Task.FromResult<string?>("fresh"), default));
    }

    [Fact]
    public async Task Invalidating_evicts_here_and_publishes_to_the_cluster()
    {
        var cache = Cache();
        await cache.GetOrLoadAsync("k", _ => Task.FromResult<string?>("v1"), default);

        await cache.InvalidateAsync("k", default);

        Assert.Equal([new CacheInvalidation("product", "k")], bus.Published);
        Assert.Equal(0, cache.Statistics.Count);
        Assert.Equal(1, cache.Statistics.Evictions);
    }

    [Fact]
    public async Task A_full_cache_makes_room_and_applying_a_clear_empties_it()
    {
        var caches = new ObjectCaches([new ObjectCacheRegistration("product", Capacity: 2, TimeSpan.FromMinutes(5))], bus, clock);
        var cache = caches.Get("product");
        foreach (var key in new[] { "a", "b", "c" })
        {
            await cache.GetOrLoadAsync(key, _ => Task.FromResult<string?>(key), default);
        }

        Assert.Equal(2, cache.Statistics.Count);
        caches.Apply(new CacheInvalidation("product", null));
        caches.Apply(new CacheInvalidation("no-such-type", "a"));
        Assert.Equal(0, cache.Statistics.Count);
        Assert.Throws<KeyNotFoundException>(() => caches.Get("order"));
    }

    private IObjectCache Cache(TimeSpan? timeToLive = null) =>
        new ObjectCache(new ObjectCacheRegistration("product", 100, timeToLive ?? TimeSpan.FromMinutes(5)), bus, clock);

    private sealed class RecordingBus : ICacheInvalidationBus
    {
        public List<CacheInvalidation> Published { get; } = [];

        public Task PublishAsync(CacheInvalidation invalidation, CancellationToken cancellationToken)
        {
            Published.Add(invalidation);
            return Task.CompletedTask;
        }
    }
}
