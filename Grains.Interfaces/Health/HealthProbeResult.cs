namespace OrleansPlatform.Grains.Health;

/// <summary>What a health probe saw.</summary>
/// <param name="Silo">The silo that served the probe.</param>
/// <param name="ProbeCount">How many probes this grain has persisted, including this one.</param>
[GenerateSerializer]
[Immutable]
[Alias("op.health-probe-result")]
public sealed record HealthProbeResult([property: Id(0)] string Silo, [property: Id(1)] long ProbeCount);
