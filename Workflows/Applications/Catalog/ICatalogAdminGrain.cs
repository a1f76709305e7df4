namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>
/// The catalog application's own admin operations (any key; a stateless worker on the calling silo, or on the
/// gateway silo of a cluster client): read a product, change it. A change is written, then invalidated in every
/// silo's caches before the call returns, so the next page any session renders shows it. The platform's contracts
/// know nothing of products; this grain comes with the application.
/// </summary>
[Alias("catalog.admin")]
public interface ICatalogAdminGrain : IGrainWithStringKey
{
    /// <summary>Product <paramref name="id"/> as the silo running this call serves it (through its object cache), or null.</summary>
    [Alias("get")]
    Task<ProductSnapshot?> Get(long id);

    /// <summary>Applies <paramref name="change"/> to product <paramref name="id"/>; the product as stored now, or null when there is no such product.</summary>
    /// <exception cref="ArgumentException">The change sets nothing, or a value out of bounds (see <see cref="ProductChange"/>).</exception>
    [Alias("update")]
    Task<ProductSnapshot?> Update(long id, ProductChange change);
}
