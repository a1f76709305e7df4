using OrleansPlatform.Runtime;

namespace OrleansPlatform.Benchmarks;

/// <summary>The benchmark grain: a counter.</summary>
public interface ICounterGrain : IGrainWithIntegerKey
{
    /// <summary>Adds <paramref name="delta"/> and returns the new value.</summary>
    Task<int> Add(int delta);
}

/// <summary>A counter with no I/O: whatever a call to it costs beyond a direct call is the runtime's.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private int _value;

    public Task<int> Add(int delta)
    {
        _value += delta;
        return Task.FromResult(_value);
    }
}
