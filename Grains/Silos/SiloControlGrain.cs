using OrleansPlatform.Grains.Placement;
using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Caching;

namespace OrleansPlatform.Grains.Silos;

/// <summary>See <see cref="ISiloControlGrain"/>: bound to its silo, answering from that silo's services.</summary>
[SiloBoundPlacement]
[GrainType("op-silo-control")]
internal sealed class SiloControlGrain(IObjectCaches caches, IProductCatalog catalog) : Grain, ISiloControlGrain
{
    public Task<IReadOnlyList<CacheStatisticsView>> CacheStatistics() =>
        Task.FromResult<IReadOnlyList<CacheStatisticsView>>(caches.Statistics()
            .Select(s => new CacheStatisticsView(s.CacheType, s.Hits, s.Misses, s.Evictions, s.Count, s.Capacity, s.HitRatio))
            .ToList());

    public async Task<ProductSnapshot?> Product(long id) =>
        await catalog.FindAsync(id, CancellationToken.None) is { } product
            ? new ProductSnapshot(product.Id, product.Name, product.Price, product.Stock)
            : null;

    public Task<bool> RenameProduct(long id, string name) => catalog.RenameAsync(id, name, CancellationToken.None);
}
