using System.Diagnostics;
using OrleansPlatform.Grains.Diagnostics;
using OrleansPlatform.Runtime.Invocation;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// Sequential latency: one call at a time, each timed with <see cref="Stopwatch"/>, after a warm-up; the cases are
/// interleaved call by call. Cases, all measured
/// while the same 2-silo cluster is up: raw TCP echo (baseline), the transport with an echo handler, and
/// <see cref="ICounterGrain.Read"/> on a grain whose silo is the one the client sends to ("direct": client → silo) and
/// on one where it is not ("forwarded": client → silo → grain's silo → back).
/// </summary>
internal static class RpcBenchmark
{
    public static async Task RunAsync(BenchSettings settings, Report report, CancellationToken cancellationToken)
    {
        var calls = settings.Int("calls", 3000);
        var warmup = settings.Int("warmup", 300);
        var messageBytes = settings.Int("message-bytes", 150);

        Report.Progress("rpc: starting 2 silos");
        var started = Stopwatch.StartNew();
        await using var cluster = await BenchCluster.StartAsync(settings, silos: 2, clientSettings: null, cancellationToken).ConfigureAwait(false);
        var startup = started.Elapsed;

        await using var server = RawEchoServer.Start();
        using var raw = await RawEchoClient.ConnectAsync(server.EndPoint, messageBytes).ConfigureAwait(false);
        await using var echo = await TransportEcho.StartAsync(cancellationToken).ConfigureAwait(false);

        // Same bytes on the wire as the raw case: 20-byte frame header + header blob + body blob = messageBytes.
        var header = new byte[Math.Max(0, messageBytes - 20 - 2)];
        var body = "[]"u8.ToArray();
        var (direct, forwarded, tried) = await FindGrainsAsync(cluster, cancellationToken).ConfigureAwait(false);
        var wrongSilo = 0;
        Func<Task> Read(ICounterGrain grain, string host) => async () =>
        {
            // Checked on every call: the grain must not move (or be answered elsewhere) during the measurement.
            if ((await grain.Read().ConfigureAwait(false)).SiloName != host)
            {
                wrongSilo++;
            }
        };

        var cases = new (string Name, string Path, Func<Task> Call)[]
        {
            ("Raw TCP echo (baseline)", $"loopback socket, {messageBytes} B each way, in this process", raw.RoundTripAsync),
            ("Transport echo", "SiloTransport.CreateConnection → TransportListener with an echo handler, in this process",
                () => echo.Connection.SendRequestAsync(header, body, TimeSpan.FromSeconds(30), cancellationToken)),
            ("Grain call, direct", direct.Path, Read(direct.Grain, direct.Host)),
            ("Grain call, forwarded", forwarded.Path, Read(forwarded.Grain, forwarded.Host)),
        };

        // Interleaved: every round times one call of each case, so load from other processes on this shared machine
        // falls on all cases alike instead of on whichever ran during a busy moment.
        Report.Progress("rpc: measuring");
        var samples = cases.Select(_ => new long[calls]).ToArray();
        for (var round = -warmup; round < calls; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var c = 0; c < cases.Length; c++)
            {
                var start = Stopwatch.GetTimestamp();
                await cases[c].Call().ConfigureAwait(false);
                if (round >= 0)
                {
                    samples[c][round] = Stopwatch.GetTimestamp() - start;
                }
            }
        }

        if (wrongSilo > 0)
        {
            throw new InvalidOperationException($"{wrongSilo} grain calls were answered by another silo than the grain's: the paths are not what the table would say.");
        }

        var rows = cases.Select((c, i) => (c.Name, c.Path, Latency: LatencySummary.Of(samples[i]))).ToList();
        var baseline = rows[0].Latency;
        report.Line($"### rpc: sequential call latency ({calls} calls per case after {warmup} warm-up calls; cases interleaved call by call)");
        report.Line();
        report.Line($"Cluster {cluster.ClusterId}: 2 silo processes, started and Active in {startup.TotalSeconds:0.0} s; {tried} grain keys activated to find one of each path.");
        report.Line();
        report.Line("| Case | Path | p50 µs | p99 µs | mean µs | max µs | p50 ratio | p99 ratio | mean ratio |");
        report.Line("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, path, l) in rows)
        {
            report.Line($"| {name} | {path} | {Report.F(l.P50Us)} | {Report.F(l.P99Us)} | {Report.F(l.MeanUs)} | {Report.F(l.MaxUs, "0")} | {Report.F(l.P50Us / baseline.P50Us, "0.0")}× | {Report.F(l.P99Us / baseline.P99Us, "0.0")}× | {Report.F(l.MeanUs / baseline.MeanUs, "0.0")}× |");
        }

        report.Line();
    }

    /// <summary>
    /// Activates grains (random placement) until one lives on the silo the client sends its calls to and one lives on the
    /// other silo.
    /// </summary>
    private static async Task<(GrainPath Direct, GrainPath Forwarded, int Tried)> FindGrainsAsync(
        BenchCluster cluster, CancellationToken cancellationToken)
    {
        GrainPath? direct = null;
        GrainPath? forwarded = null;
        for (var i = 0; i < 64 && (direct is null || forwarded is null); i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var grain = cluster.Client.GetGrain<ICounterGrain>($"{cluster.ClusterId}-rpc-{i}");
            var host = (await grain.Read().ConfigureAwait(false)).SiloName;
            var gateway = cluster.GatewayFor(((GrainReference)(object)grain).GrainId).Name;
            if (gateway == host)
            {
                direct ??= new GrainPath(grain, host, $"client → {host} (grain's silo)");
            }
            else
            {
                forwarded ??= new GrainPath(grain, host, $"client → {gateway} → {host} (grain's silo)");
            }

            if (direct is not null && forwarded is not null)
            {
                return (direct, forwarded, i + 1);
            }
        }

        throw new InvalidOperationException("64 grains were all placed on the same side; is placement still random?");
    }

    private sealed record GrainPath(ICounterGrain Grain, string Host, string Path);
}
