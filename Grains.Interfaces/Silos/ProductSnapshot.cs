namespace OrleansPlatform.Grains.Silos;

/// <summary>A product as one silo serves it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.product-snapshot")]
public sealed record ProductSnapshot([property: Id(0)] long Id, [property: Id(1)] string Name, [property: Id(2)] long Price, [property: Id(3)] long Stock);
