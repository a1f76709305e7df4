using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>Reads products.</summary>
public interface IProductCatalog
{
    /// <summary>Products whose name contains <paramref name="keyword"/> (case-insensitive), ordered by id, one page.</summary>
    Task<QueryPage> SearchAsync(string keyword, int pageSize, int pageNumber, CancellationToken cancellationToken);

    /// <summary>The product <paramref name="id"/> (through the <c>product</c> object cache), or null.</summary>
    Task<Product?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Changes product <paramref name="id"/> and drops it from every silo's cache (and every cached search, when the name
    /// changed); the product as stored now, or null when there is no such product.
    /// </summary>
    Task<Product?> UpdateAsync(long id, ProductUpdate update, CancellationToken cancellationToken);
}
