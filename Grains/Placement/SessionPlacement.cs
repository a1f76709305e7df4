namespace OrleansPlatform.Grains.Placement;

/// <summary>
/// Places new activations through the cluster's session admission (<see cref="ISessionAdmissionGrain"/>): on the
/// least-loaded silo by live sessions ÷ weight, within each silo's capacity, waiting in line when every silo is full.
/// </summary>
[Serializable]
[GenerateSerializer]
[Immutable]
[Alias("op.session-placement")]
public sealed class SessionPlacement : PlacementStrategy
{
    internal static SessionPlacement Instance { get; } = new();
}
