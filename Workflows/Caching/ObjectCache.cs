using System.Collections.Concurrent;

namespace OrleansPlatform.Workflows.Caching;

/// <summary>See <see cref="IObjectCache"/>. When full, an arbitrary entry makes room (counted as an eviction).</summary>
internal sealed class ObjectCache(ObjectCacheRegistration registration, Func<string, string, CancellationToken, Task> publishInvalidation) : IObjectCache
{
    private readonly ConcurrentDictionary<string, object> entries = new(StringComparer.Ordinal);
    private long hits;
    private long misses;
    private long evictions;

    public string CacheType => registration.CacheType;

    public CacheStatistics Statistics =>
        new(CacheType, Interlocked.Read(ref hits), Interlocked.Read(ref misses), Interlocked.Read(ref evictions), entries.Count, registration.Capacity);

    public async Task<T?> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        if (entries.TryGetValue(key, out var cached) && cached is T typed)
        {
            Interlocked.Increment(ref hits);
            return typed;
        }

        Interlocked.Increment(ref misses);
        var loaded = await load(cancellationToken);
        if (loaded is not null)
        {
            while (entries.Count >= registration.Capacity && entries.Keys.FirstOrDefault() is { } victim)
            {
                Evict(victim);
            }

            entries[key] = loaded;
        }

        return loaded;
    }

    public async Task InvalidateAsync(string key, CancellationToken cancellationToken)
    {
        Evict(key);
        await publishInvalidation(CacheType, key, cancellationToken);
    }

    public bool Evict(string key)
    {
        if (entries.TryRemove(key, out _))
        {
            Interlocked.Increment(ref evictions);
            return true;
        }

        return false;
    }
}
