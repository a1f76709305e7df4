namespace OrleansPlatform.Runtime.Tests.Grains;

public sealed class CounterState
{
    public long Total { get; set; }

    public List<long> History { get; set; } = [];
}

/// <summary>A counter persisted on every increment.</summary>
public interface IPersistentCounterGrain : IGrainWithStringKey
{
    Task<long> Add(long delta);

    Task<long> Get();

    Task<string> GetActivationId();

    Task Clear();

    Task<(string? ETag, bool RecordExists)> GetStorageInfo();
}

public class PersistentCounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter) : Grain, IPersistentCounterGrain
{
    public async Task<long> Add(long delta)
    {
        counter.State.Total += delta;
        counter.State.History.Add(delta);
        await counter.WriteStateAsync();
        return counter.State.Total;
    }

    public Task<long> Get() => Task.FromResult(counter.State.Total);

    public Task<string> GetActivationId() => Task.FromResult(GrainContext.ActivationId);

    public Task Clear() => counter.ClearStateAsync();

    public Task<(string? ETag, bool RecordExists)> GetStorageInfo() => Task.FromResult((counter.ETag, counter.RecordExists));
}

/// <summary>Names a storage provider nobody registered.</summary>
public interface IMisconfiguredGrain : IGrainWithStringKey
{
    Task<int> Get();
}

public class MisconfiguredGrain([PersistentState("x", "NoSuchStorage")] IPersistentState<CounterState> state) : Grain, IMisconfiguredGrain
{
    public Task<int> Get() => Task.FromResult(state.State.History.Count);
}
