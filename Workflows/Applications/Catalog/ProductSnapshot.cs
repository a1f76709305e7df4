namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>A product as one silo serves it, for the catalog's admin operations.</summary>
[GenerateSerializer]
[Immutable]
[Alias("catalog.product-snapshot")]
public sealed record ProductSnapshot([property: Id(0)] long Id, [property: Id(1)] string Name, [property: Id(2)] long Price, [property: Id(3)] long Stock)
{
    /// <summary>The snapshot of <paramref name="product"/>, or null.</summary>
    public static ProductSnapshot? Of(Product? product) =>
        product is null ? null : new ProductSnapshot(product.Id, product.Name, product.Price, product.Stock);
}
