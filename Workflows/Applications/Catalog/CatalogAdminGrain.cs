using Orleans.Concurrency;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>See <see cref="ICatalogAdminGrain"/>: the catalog of the silo it runs on, whose changes invalidate every silo's caches.</summary>
[StatelessWorker]
[GrainType("catalog-admin")]
internal sealed class CatalogAdminGrain(IProductCatalog catalog) : Grain, ICatalogAdminGrain
{
    public async Task<ProductSnapshot?> Get(long id) => ProductSnapshot.Of(await catalog.FindAsync(id, CancellationToken.None));

    public async Task<ProductSnapshot?> Update(long id, ProductChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(change));
        }

        return ProductSnapshot.Of(await catalog.UpdateAsync(id, new ProductUpdate(change.Name?.Trim(), change.Description, change.Price, change.Stock), CancellationToken.None));
    }
}
