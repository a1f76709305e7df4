namespace OrleansPlatform.Baselines;

/// <summary>One product as the results view lists it.</summary>
public sealed record CatalogItem(long Id, string Name);
