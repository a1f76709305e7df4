using Microsoft.Extensions.DependencyInjection;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Workflows.Caching;

/// <summary>See <see cref="IObjectCaches"/>: one <see cref="ObjectCache"/> per registered type, publishing on the registered bus.</summary>
internal sealed class ObjectCaches : IObjectCaches
{
    private readonly Dictionary<string, ObjectCache> caches;

    public ObjectCaches(IEnumerable<ObjectCacheRegistration> registrations, ICacheInvalidationBus bus, [FromKeyedServices(PlatformClock.Key)] TimeProvider time)
    {
        caches = new Dictionary<string, ObjectCache>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            caches[registration.CacheType] = new ObjectCache(registration, bus, time);
        }
    }

    public IObjectCache Get(string cacheType) =>
        caches.TryGetValue(cacheType, out var cache) ? cache : throw new KeyNotFoundException($"No object cache of type '{cacheType}' is registered.");

    public IReadOnlyList<CacheStatistics> Statistics() => caches.Values.Select(c => c.Statistics).OrderBy(s => s.CacheType, StringComparer.Ordinal).ToList();

    public void Apply(CacheInvalidation invalidation)
    {
        ArgumentNullException.ThrowIfNull(invalidation);
        if (!caches.TryGetValue(invalidation.CacheType, out var cache))
        {
            return;
        }

        if (invalidation.Key is null)
        {
            cache.Clear();
        }
        else
        {
            cache.Evict(invalidation.Key);
        }
    }
}
