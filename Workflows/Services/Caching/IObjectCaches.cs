namespace OrleansPlatform.Workflows.Caching;

/// <summary>The registered object caches of this silo.</summary>
public interface IObjectCaches
{
    /// <summary>The cache of <paramref name="cacheType"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such cache type is registered.</exception>
    IObjectCache Get(string cacheType);

    /// <summary>Every cache's counters.</summary>
    IReadOnlyList<CacheStatistics> Statistics();

    /// <summary>Applies an invalidation received from another silo, here only; unknown cache types are ignored.</summary>
    void Apply(CacheInvalidation invalidation);
}
