namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>
/// What a catalog search found: the ids of the matching products in page order. Kept in the <c>product-search</c>
/// object cache by keyword, so turning pages runs no query: a page is a slice of these ids, its products come from the
/// <c>product</c> cache.
/// </summary>
/// <param name="Ids">Matching product ids, ascending.</param>
public sealed record ProductSearchResult(long[] Ids)
{
    /// <summary>The cache type of search results.</summary>
    public const string Type = "product-search";
}
