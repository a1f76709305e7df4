using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Hosting;

namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>See <see cref="ICounterGrain"/>.</summary>
public sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterGrain.CounterState> counter,
    IOptions<SiloOptions> silo) : Grain, ICounterGrain
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
        await Task.Delay(delayMs);
        return await Add(delta);
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private CounterReading Reading() =>
        new(counter.State.Value, GrainContext.ActivationId, silo.Value.SiloName, counter.ETag ?? string.Empty);

    /// <summary>The persisted value.</summary>
    public sealed class CounterState
    {
        /// <summary>The counter.</summary>
        public long Value { get; set; }
    }
}
