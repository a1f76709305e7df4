using System.Collections.Concurrent;

namespace OrleansPlatform.Benchmarks;

/// <summary>
/// A counter with no I/O: whatever an Orleans call to it costs beyond a direct call of <see cref="Add"/> is Orleans'.
/// Each activation registers itself in <see cref="Activations"/> so the baseline can call the very same object directly
/// (outside Orleans' scheduler: the benchmark calls one at a time, so the field is never raced).
/// </summary>
[GrainType("bench-counter")]
public sealed class BenchCounterGrain : Grain, IBenchCounterGrain
{
    private int _value;

    /// <summary>The activations of this process by grain key.</summary>
    public static ConcurrentDictionary<long, BenchCounterGrain> Activations { get; } = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations[this.GetPrimaryKeyLong()] = this;
        return Task.CompletedTask;
    }

    public Task<int> Add(int delta)
    {
        _value += delta;
        return Task.FromResult(_value);
    }
}
