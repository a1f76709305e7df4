namespace OrleansPlatform.Grains.Placement;

/// <summary>The silo metadata keys (Orleans <c>UseSiloMetadata</c>) through which each silo tells the admission its own capacity and weight.</summary>
public static class PlacementMetadataKeys
{
    /// <summary>This silo's <see cref="SessionPlacementOptions.Capacity"/>, invariant culture.</summary>
    public const string Capacity = "orleansplatform.placement.capacity";

    /// <summary>This silo's <see cref="SessionPlacementOptions.Weight"/>, invariant culture.</summary>
    public const string Weight = "orleansplatform.placement.weight";
}
