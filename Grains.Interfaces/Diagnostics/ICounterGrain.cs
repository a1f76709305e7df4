namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>
/// A persisted counter that reports where it runs. Operators use it for smoke tests and load checks of a cluster
/// (every increment is written before it is acknowledged); the cluster tests use it to prove that no acknowledged
/// increment is lost and that a grain never has two activations.
/// </summary>
[Alias("op.counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="delta"/>, persists, and returns the new value with where it ran.</summary>
    [Alias("add")]
    Task<CounterReading> Add(long delta);

    /// <summary>The current value with where it runs.</summary>
    [Alias("read")]
    Task<CounterReading> Read();

    /// <summary>Waits <paramref name="delayMs"/> inside the turn, then adds and persists (to catch a silo frozen mid-turn).</summary>
    [Alias("add-after")]
    Task<CounterReading> AddAfter(long delta, int delayMs);

    /// <summary>Keeps the turn's thread busy (a CPU-bound loop, no awaits) for <paramref name="milliseconds"/>; returns the silo.</summary>
    [Alias("spin")]
    Task<string> Spin(int milliseconds);

    /// <summary>Deactivates after this call.</summary>
    [Alias("deactivate")]
    Task Deactivate();
}
