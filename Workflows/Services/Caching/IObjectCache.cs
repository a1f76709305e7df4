namespace OrleansPlatform.Workflows.Caching;

/// <summary>This silo's cache of database objects of one type.</summary>
public interface IObjectCache
{
    /// <summary>The cache type.</summary>
    string CacheType { get; }

    /// <summary>
    /// The cached object for <paramref name="key"/>, loading (and caching) it on a miss or once its time to live has
    /// passed; null results are not cached.
    /// </summary>
    Task<T?> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class;

    /// <summary>
    /// The cached objects for <paramref name="keys"/>, in order; the missing or stale ones are loaded together by one call
    /// of <paramref name="load"/> (which returns what it found, by key) and cached. A key nothing was found for is null.
    /// </summary>
    Task<IReadOnlyList<T?>> GetOrLoadManyAsync<T>(IReadOnlyList<string> keys, Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyDictionary<string, T>>> load, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Evicts <paramref name="key"/> here and publishes the invalidation so every silo evicts it.</summary>
    Task InvalidateAsync(string key, CancellationToken cancellationToken);

    /// <summary>Evicts everything here and publishes the invalidation so every silo evicts everything of this type.</summary>
    Task InvalidateAllAsync(CancellationToken cancellationToken);

    /// <summary>Evicts <paramref name="key"/> on this silo only; true when it was cached.</summary>
    bool Evict(string key);

    /// <summary>Evicts everything on this silo only; returns how many objects were dropped.</summary>
    int Clear();

    /// <summary>The keys cached on this silo now.</summary>
    IReadOnlyList<string> Keys { get; }

    /// <summary>The counters.</summary>
    CacheStatistics Statistics { get; }
}
