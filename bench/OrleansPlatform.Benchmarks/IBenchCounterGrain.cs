namespace OrleansPlatform.Benchmarks;

/// <summary>The local-call benchmark's grain: a counter with no I/O.</summary>
[Alias("bench.counter")]
public interface IBenchCounterGrain : IGrainWithIntegerKey
{
    /// <summary>Adds <paramref name="delta"/> and returns the new value.</summary>
    [Alias("add")]
    Task<int> Add(int delta);
}
