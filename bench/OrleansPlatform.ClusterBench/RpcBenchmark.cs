using System.Diagnostics;
using OrleansPlatform.Grains.Diagnostics;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// Sequential latency of <see cref="ICounterGrain.Read"/> (no storage access) on a 2-silo cluster, one call at a time,
/// against a raw TCP echo of about the same size (baseline). Cases: from the cluster client in this process to a counter
/// on each silo (client → gateway silo → grain's silo when they differ); from a grain to a counter on the same silo
/// (local) and to one on the other silo (cross-silo), timed inside the calling grain (<see cref="ICallTimingGrain"/>),
/// so no client hop is in those figures. The cases take turns in batches so load from other processes falls on all.
/// </summary>
internal static class RpcBenchmark
{
    private const int Batch = 100;

    public static async Task RunAsync(BenchSettings settings, Report report, CancellationToken cancellationToken)
    {
        var calls = settings.Int("calls", 3000);
        var warmup = settings.Int("warmup", 300);
        var messageBytes = settings.Int("message-bytes", 150);
        var rounds = Math.Max(1, calls / Batch);
        var warmupRounds = Math.Max(1, warmup / Batch);

        Report.Progress("rpc: starting 2 silos");
        var started = Stopwatch.StartNew();
        await using var cluster = await BenchCluster.StartAsync(settings, silos: 2, siloSettings: null, cancellationToken).ConfigureAwait(false);
        var startup = started.Elapsed;
        var members = await cluster.ReadMembersAsync(cancellationToken).ConfigureAwait(false);

        await using var server = RawEchoServer.Start();
        using var raw = await RawEchoClient.ConnectAsync(server.EndPoint, messageBytes).ConfigureAwait(false);
        var (probe, probeSilo, local, remote, tried) = await FindGrainsAsync(cluster, cancellationToken).ConfigureAwait(false);
        var here = BenchCluster.NameOf(members, probeSilo);
        var there = BenchCluster.NameOf(members, remote.Silo);

        var rawSamples = new List<double>();
        var clientLocal = new List<double>();
        var clientRemote = new List<double>();
        var localSamples = new List<double>();
        var crossSamples = new List<double>();
        var moved = 0;

        Report.Progress("rpc: measuring");
        for (var round = -warmupRounds; round < rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var measured = round >= 0;
            await TimeAsync(raw.RoundTripAsync, measured ? rawSamples : null).ConfigureAwait(false);
            await TimeAsync(() => local.Grain.Read(), measured ? clientLocal : null).ConfigureAwait(false);
            await TimeAsync(() => remote.Grain.Read(), measured ? clientRemote : null).ConfigureAwait(false);
            foreach (var (target, samples) in new[] { (local, localSamples), (remote, crossSamples) })
            {
                var timings = await probe.TimeCounterReads(target.Key, Batch).ConfigureAwait(false);
                if (timings.Silo != probeSilo || timings.TargetSilo != target.Silo)
                {
                    moved++;
                }

                if (measured)
                {
                    samples.AddRange(timings.Microseconds);
                }
            }
        }

        if (moved > 0)
        {
            throw new InvalidOperationException($"{moved} batches ran on other silos than found at the start: the paths are not what the table would say.");
        }

        var rows = new (string Name, string Path, LatencySummary Latency)[]
        {
            ("Raw TCP echo (baseline)", $"loopback socket in this process, {messageBytes} B each way", LatencySummary.OfMicroseconds(rawSamples)),
            ("Client → grain", $"cluster client → counter on {here} (through the client's gateway for that grain)", LatencySummary.OfMicroseconds(clientLocal)),
            ("Client → grain", $"cluster client → counter on {there} (through the client's gateway for that grain)", LatencySummary.OfMicroseconds(clientRemote)),
            ("Local grain call", $"grain on {here} → counter on {here}, timed in the calling grain", LatencySummary.OfMicroseconds(localSamples)),
            ("Cross-silo grain call", $"grain on {here} → counter on {there}, timed in the calling grain", LatencySummary.OfMicroseconds(crossSamples)),
        };
        var baseline = rows[0].Latency;
        report.Line($"### rpc: sequential call latency ({rounds * Batch} calls per case after {warmupRounds * Batch} warm-up; cases take turns in batches of {Batch})");
        report.Line();
        report.Line($"Cluster {cluster.ClusterId}: 2 silo processes, started and Active in {startup.TotalSeconds:0.0} s; {tried} counter keys activated to find one on each silo.");
        report.Line();
        report.Line("| Case | Path | p50 µs | p99 µs | mean µs | max µs | p50 ratio | p99 ratio | mean ratio |");
        report.Line("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, path, l) in rows)
        {
            report.Line($"| {name} | {path} | {Report.F(l.P50Us)} | {Report.F(l.P99Us)} | {Report.F(l.MeanUs)} | {Report.F(l.MaxUs, "0")} | {Report.F(l.P50Us / baseline.P50Us)}× | {Report.F(l.P99Us / baseline.P99Us)}× | {Report.F(l.MeanUs / baseline.MeanUs)}× |");
        }

        report.Line();
    }

    private static async Task TimeAsync(Func<Task> call, List<double>? samples)
    {
        for (var i = 0; i < Batch; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call().ConfigureAwait(false);
            samples?.Add(LatencySummary.ToMicroseconds(Stopwatch.GetTimestamp() - start));
        }
    }

    /// <summary>
    /// Activates the timing grain and counters until one counter lives on the timing grain's silo and one on the other.
    /// </summary>
    private static async Task<(ICallTimingGrain Probe, string ProbeSilo, Counter Local, Counter Remote, int Tried)> FindGrainsAsync(
        BenchCluster cluster, CancellationToken cancellationToken)
    {
        var probe = cluster.Client.GetGrain<ICallTimingGrain>($"{cluster.ClusterId}-rpc-probe");
        Counter? local = null;
        Counter? remote = null;
        string? probeSilo = null;
        for (var i = 0; i < 64; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = $"{cluster.ClusterId}-rpc-{i}";
            var grain = cluster.Client.GetGrain<ICounterGrain>(key);
            var silo = (await grain.Read().ConfigureAwait(false)).Silo;
            probeSilo ??= (await probe.TimeCounterReads(key, 1).ConfigureAwait(false)).Silo;
            if (silo == probeSilo)
            {
                local ??= new Counter(key, grain, silo);
            }
            else
            {
                remote ??= new Counter(key, grain, silo);
            }

            if (local is not null && remote is not null)
            {
                return (probe, probeSilo, local, remote, i + 1);
            }
        }

        throw new InvalidOperationException("64 counters were all placed on the same side of the timing grain.");
    }

    private sealed record Counter(string Key, ICounterGrain Grain, string Silo);
}
