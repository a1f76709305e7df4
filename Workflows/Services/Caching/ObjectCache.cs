using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Workflows.Caching;

/// <summary>
/// See <see cref="IObjectCache"/>. When full, an arbitrary entry makes room (counted as an eviction). An entry older
/// than its time to live is reloaded, so a silo an invalidation never reached serves it stale for at most that long.
/// </summary>
internal sealed class ObjectCache(ObjectCacheRegistration registration, ICacheInvalidationBus bus, TimeProvider time) : IObjectCache
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long hits;
    private long misses;
    private long evictions;

    // Bumped by every eviction: a load that overlapped one does not store what it read (it may predate the change).
    private long epoch;

    public string CacheType => registration.CacheType;

    public IReadOnlyList<string> Keys => [.. entries.Keys];

    public CacheStatistics Statistics =>
        new(CacheType, Interlocked.Read(ref hits), Interlocked.Read(ref misses), Interlocked.Read(ref evictions), entries.Count, registration.Capacity);

    public async Task<T?> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        if (entries.TryGetValue(key, out var cached) && cached.Value is T typed && time.GetElapsedTime(cached.LoadedAt) < registration.TimeToLive)
        {
            Interlocked.Increment(ref hits);
            return typed;
        }

        Interlocked.Increment(ref misses);
        var loadedAt = time.GetTimestamp();
        var epochAtLoad = Interlocked.Read(ref epoch);
        var loaded = await load(cancellationToken);
        if (loaded is not null)
        {
            Store(key, loaded, loadedAt, epochAtLoad);
        }

        return loaded;
    }

    public async Task<IReadOnlyList<T?>> GetOrLoadManyAsync<T>(
        IReadOnlyList<string> keys, Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyDictionary<string, T>>> load, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(load);
        var found = new T?[keys.Count];
        List<string>? missing = null;
        for (var i = 0; i < keys.Count; i++)
        {
            if (entries.TryGetValue(keys[i], out var cached) && cached.Value is T typed && time.GetElapsedTime(cached.LoadedAt) < registration.TimeToLive)
            {
                found[i] = typed;
            }
            else
            {
                (missing ??= []).Add(keys[i]);
            }
        }

        Interlocked.Add(ref hits, keys.Count - (missing?.Count ?? 0));
        if (missing is null)
        {
            return found;
        }

        Interlocked.Add(ref misses, missing.Count);
        var loadedAt = time.GetTimestamp();
        var epochAtLoad = Interlocked.Read(ref epoch);
        var loaded = await load(missing, cancellationToken);
        for (var i = 0; i < keys.Count; i++)
        {
            if (found[i] is null && loaded.TryGetValue(keys[i], out var value))
            {
                found[i] = value;
                Store(keys[i], value, loadedAt, epochAtLoad);
            }
        }

        return found;
    }

    public async Task InvalidateAllAsync(CancellationToken cancellationToken)
    {
        Clear();
        await bus.PublishAsync(new CacheInvalidation(CacheType, null), cancellationToken);
    }

    public async Task InvalidateAsync(string key, CancellationToken cancellationToken)
    {
        Evict(key);
        await bus.PublishAsync(new CacheInvalidation(CacheType, key), cancellationToken);
    }

    public bool Evict(string key)
    {
        Interlocked.Increment(ref epoch);
        if (entries.TryRemove(key, out _))
        {
            Interlocked.Increment(ref evictions);
            return true;
        }

        return false;
    }

    public int Clear()
    {
        var dropped = 0;
        foreach (var key in entries.Keys)
        {
            dropped += Evict(key) ? 1 : 0;
        }

        return dropped;
    }

    private void Store(string key, object value, long loadedAt, long epochAtLoad)
    {
        // The first key the enumerator meets (ConcurrentDictionary enumerates lazily; Keys would copy them all).
        while (entries.Count >= registration.Capacity && FirstKey() is { } victim)
        {
            // Making room is not an invalidation: it must not make concurrent loads discard what they read.
            if (entries.TryRemove(victim, out _))
            {
                Interlocked.Increment(ref evictions);
            }
        }

        entries[key] = new Entry(value, loadedAt);

        // An invalidation that arrived while the load was in flight must win over what the load read.
        if (Interlocked.Read(ref epoch) != epochAtLoad)
        {
            entries.TryRemove(key, out _);
        }
    }

    private string? FirstKey()
    {
        foreach (var pair in entries)
        {
            return pair.Key;
        }

        return null;
    }

    private sealed record Entry(object Value, long LoadedAt);
}
