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

    /// <summary>Product <paramref name="id"/> as this silo's catalog serves it (through its object cache), or null.</summary>
    [Alias("product")]
    Task<ProductSnapshot?> Product(long id);

    /// <summary>Renames product <paramref name="id"/> from this silo (the change invalidates it on every silo); false when there is no such product.</summary>
    [Alias("rename-product")]
    Task<bool> RenameProduct(long id, string name);
}
