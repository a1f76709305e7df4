using Orleans.Concurrency;
using OrleansPlatform.Grains.Silos;
using OrleansPlatform.Workflows.Applications.Catalog;

namespace OrleansPlatform.Grains.Catalog;

/// <summary>See <see cref="ICatalogAdminGrain"/>: the catalog of the silo it runs on, whose changes invalidate every silo's caches.</summary>
[StatelessWorker]
[GrainType("op-catalog-admin")]
internal sealed class CatalogAdminGrain(IProductCatalog catalog) : Grain, ICatalogAdminGrain
{
    public async Task<ProductSnapshot?> Get(long id) => Snapshot(await catalog.FindAsync(id, CancellationToken.None));

    public async Task<ProductSnapshot?> Update(long id, ProductChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Snapshot(await catalog.UpdateAsync(id, new ProductUpdate(change.Name, change.Description, change.Price, change.Stock), CancellationToken.None));
    }

    private static ProductSnapshot? Snapshot(Product? product) =>
        product is null ? null : new ProductSnapshot(product.Id, product.Name, product.Price, product.Stock);
}
