using OrleansPlatform.Grains.Silos;

namespace OrleansPlatform.Grains.Catalog;

/// <summary>
/// Reads and changes catalog products for operators (any key; a stateless worker). A change is written, then invalidated
/// in every silo's caches before the call returns, so the next page any session renders shows it.
/// </summary>
[Alias("op.catalog-admin")]
public interface ICatalogAdminGrain : IGrainWithStringKey
{
    /// <summary>Product <paramref name="id"/>, or null.</summary>
    [Alias("get")]
    Task<ProductSnapshot?> Get(long id);

    /// <summary>Applies <paramref name="change"/> to product <paramref name="id"/>; the product as stored now, or null when there is no such product.</summary>
    [Alias("update")]
    Task<ProductSnapshot?> Update(long id, ProductChange change);
}
