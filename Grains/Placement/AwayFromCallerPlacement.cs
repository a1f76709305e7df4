namespace OrleansPlatform.Grains.Placement;

/// <summary>
/// Places a grain on an active silo other than the one that asks for it (the caller's silo places its own calls), so
/// that a copy kept in the grain outlives the caller's silo. The silo is chosen by the key's hash among the others,
/// which spreads copies evenly without shared state; with no other compatible silo the caller's own is used, and the
/// caller is expected to notice (see <c>ISessionBackupGrain.Store</c>, which names the silo that holds the copy).
/// </summary>
[Serializable]
[GenerateSerializer]
[Immutable]
[Alias("op.away-from-caller-placement")]
public sealed class AwayFromCallerPlacement : PlacementStrategy
{
    internal static AwayFromCallerPlacement Instance { get; } = new();
}
