namespace OrleansPlatform.Grains.Placement;

/// <summary>
/// Places a grain on the silo its key names: the key is that silo's address in parsable form
/// (<c>SiloAddress.ToParsableString()</c>, e.g. <c>127.0.0.1:11111@123456</c>). For per-silo grains (cache
/// invalidation receivers); a key naming a silo that is not an active member cannot be placed.
/// </summary>
[Serializable]
[GenerateSerializer]
[Immutable]
[Alias("op.silo-bound-placement")]
public sealed class SiloBoundPlacement : PlacementStrategy
{
    internal static SiloBoundPlacement Instance { get; } = new();
}
