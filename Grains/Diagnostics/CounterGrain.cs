using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>See <see cref="ICounterGrain"/>.</summary>
[GrainType("op-counter")]
internal sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterGrain.CounterState> counter,
    ILocalSiloDetails silo,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, ICounterGrain
{
    public async Task<CounterReading> Add(long delta)
    {
        counter.State.Value += delta;
        try
        {
            await counter.WriteStateAsync();
        }
        catch
        {
            // The write did not land: forget the change so this activation does not serve a value storage never had.
            counter.State.Value -= delta;
            throw;
        }

        return Reading();
    }

    public Task<CounterReading> Read() => Task.FromResult(Reading());

    public async Task<CounterReading> AddAfter(long delta, int delayMs)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(delayMs), time);
        return await Add(delta);
    }

    public Task<string> Spin(int milliseconds)
    {
        var started = time.GetTimestamp();
        var spins = 0L;
        while (time.GetElapsedTime(started).TotalMilliseconds < milliseconds)
        {
            spins++;
        }

        return Task.FromResult(silo.SiloAddress.ToParsableString());
    }

    public Task Deactivate()
    {
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private CounterReading Reading() =>
        new(counter.State.Value, GrainContext.ActivationId.ToString(), silo.SiloAddress.ToParsableString(), counter.Etag ?? string.Empty);

    /// <summary>The persisted value.</summary>
    internal sealed class CounterState
    {
        /// <summary>The counter.</summary>
        public long Value { get; set; }
    }
}
