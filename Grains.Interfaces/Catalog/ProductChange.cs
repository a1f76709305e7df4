namespace OrleansPlatform.Grains.Catalog;

/// <summary>A change to a product: each field that is not null replaces the stored one.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.product-change")]
public sealed record ProductChange(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] long? Price,
    [property: Id(3)] long? Stock);
