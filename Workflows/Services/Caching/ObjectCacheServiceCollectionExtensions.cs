using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Workflows.Caching;

/// <summary>Registers the object caches of a process and the cache types in it.</summary>
public static class ObjectCacheServiceCollectionExtensions
{
    /// <summary>
    /// The caches (<see cref="IObjectCaches"/>), the platform clock they read, and the bus of a process alone (the silo
    /// host replaces it with the cluster-wide one). Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddObjectCaches(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddPlatformClock();
        services.TryAddSingleton<ICacheInvalidationBus, LocalCacheInvalidationBus>();
        services.TryAddSingleton<IObjectCaches, ObjectCaches>();
        return services;
    }

    /// <summary>Registers an object cache type; <paramref name="timeToLive"/> (default 5 minutes) bounds how stale a missed invalidation can leave it.</summary>
    public static IServiceCollection AddObjectCache(this IServiceCollection services, string cacheType, int capacity, TimeSpan? timeToLive = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        services.AddObjectCaches();
        services.AddSingleton(new ObjectCacheRegistration(cacheType, capacity, timeToLive ?? TimeSpan.FromMinutes(5)));
        return services;
    }
}
