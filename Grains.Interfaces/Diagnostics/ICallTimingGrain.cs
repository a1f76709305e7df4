namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>
/// Times grain-to-grain calls from inside a silo: the cost of an Orleans call between two grains on the same silo, or
/// on two silos, without a cluster client's hop in the figure. Used by the cluster benchmark (bench/README.md, rpc) and
/// by operators checking a cluster's call latency; it reads only, nothing is written.
/// </summary>
[Alias("op.call-timing")]
public interface ICallTimingGrain : IGrainWithStringKey
{
    /// <summary>
    /// Calls <see cref="ICounterGrain.Read"/> of the counter <paramref name="counterKey"/> <paramref name="calls"/> times,
    /// one after another from this grain's turn, timing each call (1 to 10,000 calls).
    /// </summary>
    [Alias("time-counter-reads")]
    Task<CallTimings> TimeCounterReads(string counterKey, int calls);
}
