using System.Diagnostics;
using OrleansPlatform.Grains.Diagnostics;
using OrleansPlatform.Runtime.Invocation;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// Throughput with many calls in flight: N workers each issue one call after another for a fixed time (after a
/// warm-up), so N calls are always outstanding. Cases: raw TCP echo over one connection, multiplexed (baseline); the
/// transport with an echo handler over one connection; <see cref="ICounterGrain.Read"/> from the cluster client on N
/// distinct grains spread over 2 silo processes (one grain per worker, so no call waits for another's turn).
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
        await using var cluster = await BenchCluster.StartAsync(settings, silos: 2, clientSettings: null, cancellationToken).ConfigureAwait(false);
        var rows = new List<(string Case, string Path, WorkerResult Result)>();

        Report.Progress("pipelined: raw TCP echo");
        await using (var server = RawEchoServer.Start())
        {
            await using var client = await RawMultiplexClient.ConnectAsync(server.EndPoint, messageBytes, inFlight).ConfigureAwait(false);
            rows.Add(("Raw TCP echo (baseline)", $"one loopback socket, {messageBytes} B messages, in this process",
                await WorkerResult.RunAsync(inFlight, client.RoundTripAsync, warmup, measure, cancellationToken).ConfigureAwait(false)));
        }

        Report.Progress("pipelined: transport echo");
        await using (var echo = await TransportEcho.StartAsync(cancellationToken).ConfigureAwait(false))
        {
            var header = new byte[Math.Max(0, messageBytes - 20 - 2)];
            var body = "[]"u8.ToArray();
            rows.Add(("Transport echo", "one transport connection, echo handler, in this process",
                await WorkerResult.RunAsync(inFlight, _ => echo.Connection.SendRequestAsync(header, body, TimeSpan.FromSeconds(30), cancellationToken), warmup, measure, cancellationToken).ConfigureAwait(false)));
        }

        Report.Progress($"pipelined: activating {inFlight} grains");
        var grains = Enumerable.Range(0, inFlight).Select(i => cluster.Client.GetGrain<ICounterGrain>($"{cluster.ClusterId}-p-{i}")).ToArray();
        var forwarded = 0;
        var activation = Stopwatch.StartNew();
        await Parallel.ForEachAsync(grains, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (grain, _) =>
        {
            var host = (await grain.Read().ConfigureAwait(false)).SiloName;
            if (cluster.GatewayFor(((GrainReference)(object)grain).GrainId).Name != host)
            {
                Interlocked.Increment(ref forwarded);
            }
        }).ConfigureAwait(false);
        var activatedIn = activation.Elapsed;

        Report.Progress("pipelined: grain calls");
        rows.Add(("Grain calls", $"cluster client → 2 silos; {forwarded} of {inFlight} grains forwarded by the receiving silo",
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

/// <summary>The outcome of a fixed-time run of concurrent workers.</summary>
internal sealed record WorkerResult(long Completed, double Seconds, LatencySummary Latency, int Errors, string? FirstError)
{
    public double CallsPerSecond => Completed / Seconds;

    /// <summary>
    /// Runs <paramref name="workers"/> loops of <paramref name="call"/> (worker index as argument). Throughput counts the
    /// calls completing inside the measured window; latencies are those of calls both started and completed in it.
    /// </summary>
    public static async Task<WorkerResult> RunAsync(int workers, Func<int, Task> call, TimeSpan warmup, TimeSpan measure, CancellationToken cancellationToken)
    {
        var phase = 0; // 0: warm-up, 1: measuring, 2: stopping
        long completed = 0;
        var errors = 0;
        string? firstError = null;
        var latencies = new List<long>[workers];

        async Task WorkerAsync(int index)
        {
            var mine = latencies[index] = new List<long>(1024);
            await Task.Yield();
            while (Volatile.Read(ref phase) < 2)
            {
                var startPhase = Volatile.Read(ref phase);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await call(index).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{exception.GetType().Name}: {exception.Message}", null);
                    await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }

                var elapsed = Stopwatch.GetTimestamp() - start;
                if (Volatile.Read(ref phase) == 1)
                {
                    Interlocked.Increment(ref completed);
                    if (startPhase == 1)
                    {
                        mine.Add(elapsed);
                    }
                }
            }
        }

        var running = Enumerable.Range(0, workers).Select(WorkerAsync).ToArray();
        await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref phase, 1);
        var window = Stopwatch.StartNew();
        await Task.Delay(measure, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref phase, 2);
        var seconds = window.Elapsed.TotalSeconds;
        var counted = Interlocked.Read(ref completed);
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(45), cancellationToken).ConfigureAwait(false);
        return new WorkerResult(counted, seconds, LatencySummary.Of(latencies.SelectMany(l => l).ToList()), errors, firstError);
    }
}
