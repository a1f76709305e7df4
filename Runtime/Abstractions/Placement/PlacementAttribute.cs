namespace OrleansPlatform.Runtime;

/// <summary>
/// Chooses where new activations of a grain class go, by strategy name (strategies are registered by name in the
/// silo). Without an attribute a grain uses <c>random</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public class PlacementAttribute : Attribute
{
    /// <summary>Uses the strategy named <paramref name="strategy"/>.</summary>
    public PlacementAttribute(string strategy) => Strategy = strategy;

    /// <summary>The strategy's name.</summary>
    public string Strategy { get; }
}

/// <summary>New activations go to a random active silo.</summary>
public sealed class RandomPlacementAttribute() : PlacementAttribute("random");

/// <summary>New activations go to the silo that first called them, when it is active.</summary>
public sealed class PreferLocalPlacementAttribute() : PlacementAttribute("prefer-local");

/// <summary>New activations go to the silo chosen by a hash of the grain id over the active silos.</summary>
public sealed class HashBasedPlacementAttribute() : PlacementAttribute("hash");

/// <summary>
/// New activations go to the silo with the lowest load relative to its weight, counting only grains placed this
/// way against each silo's capacity; when every silo is full the call waits on a bounded waiting list and fails with
/// <see cref="ClusterBusyException"/> at its timeout.
/// </summary>
public sealed class LeastLoadedPlacementAttribute() : PlacementAttribute("least-loaded");
