namespace OrleansPlatform.Baselines;

/// <summary>One page of a keyword search (items: id and name, as the platform's results view lists them).</summary>
public sealed record CatalogPage(string Keyword, int Page, int PageSize, long Total, IReadOnlyList<CatalogItem> Items);
