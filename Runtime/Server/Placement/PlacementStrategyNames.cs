namespace OrleansPlatform.Runtime.Placement;

/// <summary>The names placement strategies are registered under.</summary>
public static class PlacementStrategyNames
{
    /// <summary>A random active silo.</summary>
    public const string Random = "random";

    /// <summary>The calling silo when it can host, else random.</summary>
    public const string PreferLocal = "prefer-local";

    /// <summary>A stable hash of the grain id over the active silos.</summary>
    public const string Hash = "hash";

    /// <summary>Lowest load relative to weight, within capacity, waiting when the cluster is full.</summary>
    public const string LeastLoaded = "least-loaded";
}
