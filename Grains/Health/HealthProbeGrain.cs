using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Hosting;

namespace OrleansPlatform.Grains.Health;

/// <summary>Persists a probe counter so that a health check exercises activation, turns and storage together.</summary>
public sealed class HealthProbeGrain(
    [PersistentState("probe")] IPersistentState<HealthProbeGrain.ProbeState> state,
    IOptions<SiloOptions> silo) : Grain, IHealthProbeGrain
{
    public async Task<HealthProbeResult> Probe()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return new HealthProbeResult(silo.Value.SiloName, state.State.Count);
    }

    /// <summary>The persisted probe counter.</summary>
    public sealed class ProbeState
    {
        /// <summary>Probes answered so far.</summary>
        public long Count { get; set; }
    }
}
