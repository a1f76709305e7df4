namespace OrleansPlatform.Grains.Health;

/// <summary>
/// Answers health checks from inside the grain runtime: a reply proves that the silo activates grains, schedules turns
/// and reaches its storage.
/// </summary>
[Alias("op.health-probe")]
public interface IHealthProbeGrain : IGrainWithStringKey
{
    /// <summary>Reads and writes the probe's persisted state and reports where it ran.</summary>
    [Alias("probe")]
    Task<HealthProbeResult> Probe();
}
