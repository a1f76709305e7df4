using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansPlatform.Grains.Diagnostics;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// Throughput with many calls in flight: N workers each issue one call after another for a fixed time (after a
/// warm-up), so N calls are always outstanding. Cases: raw TCP echo over one connection, multiplexed (baseline); and
/// <see cref="ICounterGrain.Read"/> from the cluster client on N distinct counters spread over 2 silo processes (one
/// grain per worker, so no call waits for another's turn).
/// </summary>
internal static class PipelinedBenchmark
{
    public static async Task RunAsync(BenchSettings settings, Report report, CancellationToken cancellationToken)
    {
        var inFlight = settings.Int("in-flight", 1000);
        var warmup = TimeSpan.FromSeconds(settings.Int("warmup-s", 1));
        var measure = TimeSpan.FromSeconds(settings.Int("seconds", 3));
        var messageBytes = settings.Int("message-bytes", 150);

        Report.Progress("pipelined: starting 2 silos");
        await using var cluster = await BenchCluster.StartAsync(settings, silos: 2, siloSettings: null, cancellationToken).ConfigureAwait(false);
        var members = await cluster.ReadMembersAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(string Case, string Path, WorkerResult Result)>();

        Report.Progress("pipelined: raw TCP echo");
        await using (var server = RawEchoServer.Start())
        {
            await using var client = await RawMultiplexClient.ConnectAsync(server.EndPoint, messageBytes, inFlight).ConfigureAwait(false);
            rows.Add(("Raw TCP echo (baseline)", $"one loopback socket, {messageBytes} B messages, in this process",
                await WorkerResult.RunAsync(inFlight, client.RoundTripAsync, warmup, measure, cancellationToken).ConfigureAwait(false)));
        }

        Report.Progress($"pipelined: activating {inFlight} grains");
        var grains = Enumerable.Range(0, inFlight).Select(i => cluster.Client.GetGrain<ICounterGrain>($"{cluster.ClusterId}-p-{i}")).ToArray();
        var perSilo = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var activation = Stopwatch.StartNew();
        await Parallel.ForEachAsync(grains, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (grain, _) =>
        {
            var silo = (await grain.Read().ConfigureAwait(false)).Silo;
            perSilo.AddOrUpdate(BenchCluster.NameOf(members, silo), 1, (_, n) => n + 1);
        }).ConfigureAwait(false);
        var activatedIn = activation.Elapsed;
        var spread = string.Join(", ", perSilo.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value} on {kv.Key}"));

        Report.Progress("pipelined: grain calls");
        rows.Add(("Grain calls", $"cluster client → {inFlight} counters ({spread})",
            await WorkerResult.RunAsync(inFlight, i => grains[i].Read(), warmup, measure, cancellationToken).ConfigureAwait(false)));

        var baseline = rows[0].Result;
        report.Line($"### pipelined: {inFlight} calls in flight ({measure.TotalSeconds:0} s measured after {warmup.TotalSeconds:0} s warm-up per case)");
        report.Line();
        report.Line($"Cluster {cluster.ClusterId}: 2 silo processes; {inFlight} grains activated (64 at a time) in {activatedIn.TotalSeconds:0.0} s before the grain case.");
        report.Line();
        report.Line("| Case | Path | calls/s | time per call vs baseline | p50 µs (in flight) | p99 µs (in flight) | errors |");
        report.Line("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (name, path, r) in rows)
        {
            report.Line($"| {name} | {path} | {Report.F(r.CallsPerSecond, "N0")} | {Report.F(baseline.CallsPerSecond / r.CallsPerSecond, "0.0")}× | {Report.F(r.Latency.P50Us, "0")} | {Report.F(r.Latency.P99Us, "0")} | {r.Errors}{(r.FirstError is null ? string.Empty : $" ({r.FirstError})")} |");
        }

        report.Line();
    }
}
