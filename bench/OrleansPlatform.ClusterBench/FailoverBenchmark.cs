using System.Diagnostics;
using OrleansPlatform.Grains.Diagnostics;
using OrleansPlatform.Runtime.Invocation;
using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// Failover time: a 3-silo cluster; per run, a fresh counter grain is activated (one persisted increment), the silo
/// process hosting it is killed with SIGKILL by its pid, and the grain is called in a tight loop (each call bounded by a
/// short timeout) until a call succeeds on another silo. Between runs a replacement silo is started so every run kills
/// one of 3 active silos. Baseline, measured in the same run: the time from the kill until the client's membership view
/// shows the silo Dead (the runtime's failure detection, which a move cannot beat).
/// </summary>
internal static class FailoverBenchmark
{
    public static async Task RunAsync(BenchSettings settings, Report report, CancellationToken cancellationToken)
    {
        var runs = settings.Int("runs", 5);
        var callTimeout = TimeSpan.FromMilliseconds(settings.Int("call-timeout-ms", 1000));
        var clientSettings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Short timeouts so one call cannot hide the moment the grain is reachable again.
            ["ClusterClient__ResponseTimeout"] = callTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["ClusterClient__RetryBudget"] = callTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };

        Report.Progress("failover: starting 3 silos");
        await using var cluster = await BenchCluster.StartAsync(settings, silos: 3, clientSettings, cancellationToken).ConfigureAwait(false);
        var results = new List<RunResult>();
        for (var run = 1; run <= runs; run++)
        {
            Report.Progress($"failover: run {run}/{runs}");
            results.Add(await RunOnceAsync(cluster, run, callTimeout, cancellationToken).ConfigureAwait(false));
            if (run < runs)
            {
                var replacement = cluster.StartSilo();
                Report.Progress($"failover: started {replacement.Name} (pid {replacement.Pid}) as a replacement");
                await cluster.WaitForActiveAsync(3, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
                await cluster.WaitForClientViewAsync(3, TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
            }
        }

        report.Line($"### failover: SIGKILL of the grain's silo → first successful call ({runs} runs, 3 active silos each)");
        report.Line();
        report.Line($"Cluster {cluster.ClusterId}; client ResponseTimeout = RetryBudget = {callTimeout.TotalMilliseconds:0} ms, each call also abandoned after {2 * callTimeout.TotalMilliseconds:0} ms.");
        report.Line();
        report.Line("| Run | Killed | Client sent to | Declared dead (client view), ms | First success, ms | Success − dead, ms | Moved to | Value | Calls | Failures by type |");
        report.Line("|---:|---|---|---:|---:|---:|---|---:|---:|---|");
        foreach (var r in results)
        {
            report.Line($"| {r.Run} | {r.Victim} | {r.Gateway} | {Report.F(r.DeadMs, "0")} | {Report.F(r.SuccessMs, "0")} | {Report.F(r.SuccessMs - r.DeadMs, "0")} | {r.MovedTo} | {r.Value} | {r.Calls} | {r.Failures} |");
        }

        var medianSuccess = Median(results.Select(r => r.SuccessMs));
        var medianDead = Median(results.Select(r => r.DeadMs));
        report.Line();
        report.Line($"| | Declared dead (baseline) | First successful call | Ratio |");
        report.Line("|---|---:|---:|---:|");
        report.Line($"| Median of {runs} | {Report.F(medianDead, "0")} ms | {Report.F(medianSuccess, "0")} ms | {Report.F(medianSuccess / medianDead, "0.00")}× |");
        report.Line($"| Min – max | {Report.F(results.Min(r => r.DeadMs), "0")} – {Report.F(results.Max(r => r.DeadMs), "0")} ms | {Report.F(results.Min(r => r.SuccessMs), "0")} – {Report.F(results.Max(r => r.SuccessMs), "0")} ms | |");
        report.Line();
    }

    private static async Task<RunResult> RunOnceAsync(BenchCluster cluster, int run, TimeSpan callTimeout, CancellationToken cancellationToken)
    {
        var grain = cluster.Client.GetGrain<ICounterGrain>($"{cluster.ClusterId}-failover-{run}");
        var before = await grain.Add(1).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var victim = cluster.Silos.Single(s => s.Name == before.SiloName && !s.HasExited);
        var victimEntry = cluster.Client.Membership.Current.ActiveSilos.Single(s => s.Name == victim.Name);
        var gateway = cluster.GatewayFor(((GrainReference)(object)grain).GrainId).Name;

        var sinceKill = Stopwatch.StartNew();
        victim.Kill();

        // The baseline: when the client's membership view (LISTEN/NOTIFY plus polling) shows the silo Dead.
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var declaredDead = WatchForDeathAsync(cluster.Client.Membership, victimEntry.Address.Id, sinceKill, stopWatching.Token);

        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        var calls = 0;
        CounterReading? after = null;
        double successMs;
        while (true)
        {
            if (sinceKill.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"run {run}: no successful call within 30 s of killing {victim.Name}; failures: {Describe(failures)}");
            }

            calls++;
            try
            {
                after = await grain.Read().WaitAsync(2 * callTimeout, cancellationToken).ConfigureAwait(false);
                if (after.SiloName != victim.Name)
                {
                    successMs = sinceKill.Elapsed.TotalMilliseconds;
                    break;
                }

                failures["answered by the killed silo"] = failures.GetValueOrDefault("answered by the killed silo") + 1;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var name = exception.GetType().Name;
                failures[name] = failures.GetValueOrDefault(name) + 1;
            }
        }

        double deadMs;
        try
        {
            deadMs = await declaredDead.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopWatching.CancelAsync().ConfigureAwait(false);
        }

        return new RunResult(run, victim.Name, gateway == victim.Name ? $"{gateway} (killed)" : gateway, deadMs, successMs, after.SiloName, after.Value, calls, Describe(failures));
    }

    private static async Task<double> WatchForDeathAsync(IMembershipView membership, string siloId, Stopwatch sinceKill, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(MembershipSnapshot snapshot)
        {
            if (snapshot.IsDead(siloId))
            {
                seen.TrySetResult(sinceKill.Elapsed.TotalMilliseconds);
            }
        }

        membership.Changed += Check;
        try
        {
            // Also poll the current snapshot: a change published before the handler was attached is not missed.
            while (!seen.Task.IsCompleted)
            {
                Check(membership.Current);
                await Task.WhenAny(seen.Task, Task.Delay(5, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return await seen.Task.ConfigureAwait(false);
        }
        finally
        {
            membership.Changed -= Check;
        }
    }

    private static string Describe(Dictionary<string, int> failures) =>
        failures.Count == 0 ? "none" : string.Join(", ", failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key} ×{f.Value}"));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record RunResult(int Run, string Victim, string Gateway, double DeadMs, double SuccessMs, string MovedTo, long Value, int Calls, string Failures);
}
