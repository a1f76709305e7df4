namespace OrleansPlatform.Grains.Silos;

/// <summary>
/// One per silo (key: the silo's address in parsable form, <c>address:port@generation</c>; placed on that silo): what
/// operators and tests ask of one particular silo, such as its object caches.
/// </summary>
[Alias("op.silo-control")]
public interface ISiloControlGrain : IGrainWithStringKey
{
    /// <summary>This silo's object caches: entries, hits, misses, evictions, capacity per cache type.</summary>
    [Alias("cache-statistics")]
    Task<IReadOnlyList<CacheStatisticsView>> CacheStatistics();

    /// <summary>Drops everything from this silo's cache of <paramref name="cacheType"/> (<c>*</c>: every cache); returns how many objects.</summary>
    [Alias("clear-cache")]
    Task<int> ClearCache(string cacheType);

    /// <summary>Reloads what this silo's cache of <paramref name="cacheType"/> (<c>*</c>: every cache) holds, from the database; returns how many objects.</summary>
    [Alias("reload-cache")]
    Task<int> ReloadCache(string cacheType);

    /// <summary>This silo's managed settings in force and their digest.</summary>
    [Alias("settings")]
    Task<SiloSettings> Settings();

    /// <summary>Shuts this silo down gracefully, after answering: its activations are deactivated (state written) and its sessions move to the other silos on their next call.</summary>
    [Alias("drain")]
    Task Drain();

    /// <summary>
    /// Entity <paramref name="key"/> of <paramref name="entityType"/> as this silo serves it: loaded through the
    /// application's loader, which reads through this silo's object cache; its JSON, or null when there is none. What
    /// an operator (or a test) asks to see whether one silo serves a stale copy.
    /// </summary>
    /// <exception cref="ArgumentException">No application of this silo loads <paramref name="entityType"/>.</exception>
    [Alias("entity")]
    Task<string?> Entity(string entityType, string key);
}
