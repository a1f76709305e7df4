using System.Collections.Concurrent;
using OrleansPlatform.Grains.Diagnostics;


namespace OrleansPlatform.Integration.Tests.Cluster;

/// <summary>
/// Drives increments on many counter grains: each worker owns a disjoint set of grains and calls them one at a time,
/// so the replies of one grain are in call order. Records every acknowledged increment and every reply's activation.
/// </summary>
public sealed class CounterLoad
{
    private readonly IGrainFactory _grains;
    private readonly string[] _keys;
    private readonly ConcurrentDictionary<string, long> _acknowledged = new();
    private readonly ConcurrentDictionary<string, long> _uncertain = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Activation, string Silo)>> _activations = new();
    private readonly ConcurrentQueue<(DateTime At, Exception Error)> _failures = new();
    private long _calls;

    public CounterLoad(IGrainFactory grains, string prefix, int grainCount)
    {
        _grains = grains;
        _keys = Enumerable.Range(0, grainCount).Select(i => $"{prefix}-{i}").ToArray();
    }

    public IReadOnlyList<string> Keys => _keys;

    public long Calls => Interlocked.Read(ref _calls);

    public IReadOnlyCollection<(DateTime At, Exception Error)> Failures => _failures;

    public long Acknowledged(string key) => _acknowledged.GetValueOrDefault(key);

    public long Uncertain(string key) => _uncertain.GetValueOrDefault(key);

    /// <summary>The activation ids that answered for <paramref name="key"/>, in call order.</summary>
    public IReadOnlyList<string> ActivationsOf(string key) =>
        _activations.TryGetValue(key, out var q) ? q.Select(reply => reply.Activation).ToList() : [];

    /// <summary>The silo of the last reply for <paramref name="key"/>, if any.</summary>
    public string? LastAnsweredFrom(string key) =>
        _activations.TryGetValue(key, out var q) && q.LastOrDefault() is { Silo: { } silo } ? silo : null;

    /// <summary>Whether any reply for <paramref name="key"/> came from <paramref name="silo"/>.</summary>
    public bool AnsweredFrom(string key, string silo) =>
        _activations.TryGetValue(key, out var q) && q.Any(reply => reply.Silo == silo);

    public async Task RunAsync(int workers, CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w, workers, stop))));
    }

    private async Task WorkAsync(int worker, int workers, CancellationToken stop)
    {
        var mine = _keys.Where((_, i) => i % workers == worker).ToArray();
        while (!stop.IsCancellationRequested)
        {
            foreach (var key in mine)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                Interlocked.Increment(ref _calls);
                try
                {
                    var reading = await _grains.GetGrain<ICounterGrain>(key).Add(1);
                    _acknowledged.AddOrUpdate(key, 1, (_, v) => v + 1);
                    _activations.GetOrAdd(key, _ => new ConcurrentQueue<(string, string)>()).Enqueue((reading.ActivationId, reading.Silo));
                }
                catch (Exception exception)
                {
                    // A call lost with its silo may or may not have been applied.
                    _uncertain.AddOrUpdate(key, 1, (_, v) => v + 1);
                    _failures.Enqueue((DateTime.UtcNow, exception));
                    await Task.Delay(20, CancellationToken.None);
                }
            }
        }
    }
}
