namespace OrleansPlatform.Grains.Placement;

/// <summary>The admission's view: per silo, and how many new sessions are waiting for a slot.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.admission-snapshot")]
public sealed record AdmissionSnapshot(
    [property: Id(0)] IReadOnlyList<SiloLoad> Silos,
    [property: Id(1)] int Waiting);

/// <summary>
/// One silo's sessions: <paramref name="Live"/> activations, <paramref name="Reserved"/> placed but not yet running;
/// <paramref name="Offered"/> when the silo is active and has told its capacity, so new sessions may go there.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("op.silo-load")]
public sealed record SiloLoad(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] int Live,
    [property: Id(2)] int Reserved,
    [property: Id(3)] int Capacity,
    [property: Id(4)] double Weight,
    [property: Id(5)] bool Offered);
