using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrleansPlatform.Grains.Placement;
using OrleansPlatform.Workflows.Caching;
using OrleansPlatform.Workflows.References;
using OrleansPlatform.Workflows.Settings;

namespace OrleansPlatform.Grains.Silos;

/// <summary>See <see cref="ISiloControlGrain"/>: bound to its silo, answering from that silo's services.</summary>
[SiloBoundPlacement]
[GrainType("op-silo-control")]
internal sealed class SiloControlGrain(
    IObjectCaches caches,
    IEnumerable<IEntityLoader> loaders,
    SettingsInForce settings,
    IHostApplicationLifetime lifetime) : Grain, ISiloControlGrain
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public Task<IReadOnlyList<CacheStatisticsView>> CacheStatistics() =>
        Task.FromResult<IReadOnlyList<CacheStatisticsView>>(caches.Statistics()
            .Select(s => new CacheStatisticsView(s.CacheType, s.Hits, s.Misses, s.Evictions, s.Count, s.Capacity, s.HitRatio))
            .ToList());

    public Task<int> ClearCache(string cacheType) =>
        Task.FromResult(CachesOf(cacheType).Sum(cache => cache.Clear()));

    public async Task<int> ReloadCache(string cacheType)
    {
        var reloaded = 0;
        foreach (var cache in CachesOf(cacheType))
        {
            var keys = cache.Keys;
            cache.Clear();

            // Loading through the loader fills the cache again (the loaders read through it); a type without one is just cleared.
            if (loaders.FirstOrDefault(l => l.EntityType == cache.CacheType) is { } loader)
            {
                foreach (var key in keys)
                {
                    reloaded += await loader.LoadAsync(key, CancellationToken.None) is null ? 0 : 1;
                }
            }
        }

        return reloaded;
    }

    public Task<SiloSettings> Settings() => Task.FromResult(new SiloSettings(settings.Effective(), settings.Digest));

    public Task Drain()
    {
        // After this call has answered: a graceful stop deactivates every activation, this one included.
        ThreadPool.QueueUserWorkItem(static state => ((IHostApplicationLifetime)state!).StopApplication(), lifetime);
        return Task.CompletedTask;
    }

    public async Task<string?> Entity(string entityType, string key)
    {
        var loader = loaders.FirstOrDefault(l => l.EntityType == entityType)
            ?? throw new ArgumentException($"No application on this silo loads entities of type '{entityType}'.", nameof(entityType));
        return await loader.LoadAsync(key, CancellationToken.None) is { } entity ? JsonSerializer.Serialize(entity, entity.GetType(), JsonOptions) : null;
    }

    private IEnumerable<IObjectCache> CachesOf(string cacheType) =>
        cacheType == "*" ? caches.Statistics().Select(s => caches.Get(s.CacheType)) : [caches.Get(cacheType)];
}
