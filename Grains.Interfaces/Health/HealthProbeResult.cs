namespace OrleansPlatform.Grains.Health;

/// <summary>What a health probe saw.</summary>
/// <param name="SiloName">The silo that served the probe.</param>
/// <param name="ProbeCount">How many probes this grain has persisted, including this one.</param>
public sealed record HealthProbeResult(string SiloName, long ProbeCount);
