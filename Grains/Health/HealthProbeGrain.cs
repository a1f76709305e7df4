namespace OrleansPlatform.Grains.Health;

/// <summary>Persists a probe counter so that a health check exercises activation, turns and storage together.</summary>
[GrainType("op-health-probe")]
internal sealed class HealthProbeGrain(
    [PersistentState("probe")] IPersistentState<HealthProbeGrain.ProbeState> state,
    ILocalSiloDetails silo) : Grain, IHealthProbeGrain
{
    public async Task<HealthProbeResult> Probe()
    {
        state.State.Count++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The write did not land: a stale ETag (another activation wrote) is cured by reloading next time.
            state.State.Count--;
            this.DeactivateOnIdle();
            throw;
        }

        return new HealthProbeResult(silo.SiloAddress.ToParsableString(), state.State.Count);
    }

    /// <summary>The persisted probe counter.</summary>
    internal sealed class ProbeState
    {
        /// <summary>Probes answered so far.</summary>
        public long Count { get; set; }
    }
}
