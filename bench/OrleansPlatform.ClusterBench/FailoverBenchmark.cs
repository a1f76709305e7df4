using System.Diagnostics;
using System.Security.Cryptography;
using Dapper;
using Npgsql;
using OrleansPlatform.Grains.Placement;
using OrleansPlatform.Grains.Sessions;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// Failover of sessions: a 3-silo cluster; per run, N catalog-search sessions are started and brought to page 2, the
/// silo hosting most of them (from each record's silo in the <c>session_records</c> view, mapped to its pid through
/// <c>platform_silos</c>) is killed with SIGKILL, and each session it hosted is asked for page 3 (seq 3), retried as the
/// Gateway retries, until it answers. Measured: kill → first successful interaction, per session. Baseline in the same
/// run: kill → the silo's row shows Dead in <c>OrleansMembershipTable</c> (the failure detector), plus kill → the first
/// suspicion vote in that row. Between runs a replacement silo is started so every run kills one of 3 active silos.
/// </summary>
internal static class FailoverBenchmark
{
    private const string HostsQuery =
        "SELECT session_id AS Key, silo AS Silo FROM session_records WHERE session_id = ANY(@Keys)";

    private const string MemberRowQuery =
        "SELECT Status, coalesce(SuspectTimes, '') FROM OrleansMembershipTable WHERE DeploymentId = @Cluster AND Address = @Address AND Port = @Port AND Generation = @Generation";

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);
    private static readonly IReadOnlyDictionary<string, string?> NoInputs = new Dictionary<string, string?>();

    public static async Task RunAsync(BenchSettings settings, Report report, CancellationToken cancellationToken)
    {
        var runs = settings.Int("runs", 5);
        var sessions = settings.Int("sessions", 12);
        var attemptTimeout = TimeSpan.FromMilliseconds(settings.Int("attempt-timeout-ms", 2000));
        var siloSettings = settings.SiloSettings;

        Report.Progress($"failover: starting 3 silos{(siloSettings.Count == 0 ? string.Empty : " with " + Describe(siloSettings))}");
        await using var cluster = await BenchCluster.StartAsync(settings, silos: 3, siloSettings, cancellationToken).ConfigureAwait(false);
        var results = new List<FailoverRun>();
        for (var run = 1; run <= runs; run++)
        {
            Report.Progress($"failover: run {run}/{runs}");
            results.Add(await RunOnceAsync(cluster, run, sessions, attemptTimeout, cancellationToken).ConfigureAwait(false));
            if (run < runs)
            {
                var replacement = cluster.StartSilo();
                Report.Progress($"failover: started {replacement.Name} (pid {replacement.Pid}) as a replacement");
                await cluster.WaitForActiveAsync(3, TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);
            }
        }

        Write(report, cluster, results, sessions, attemptTimeout, siloSettings);
    }

    private static async Task<FailoverRun> RunOnceAsync(BenchCluster cluster, int run, int count, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, count).Select(_ => RandomNumberGenerator.GetHexString(32, lowercase: true)).ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (id, token) =>
        {
            var session = cluster.Client.GetGrain<ISessionGrain>(id);
            await session.Start("catalog-search").WaitAsync(Budget, token).ConfigureAwait(false);
            await session.Interact(new SessionAction("search", new Dictionary<string, string?> { ["keyword"] = "router" }, 1)).WaitAsync(Budget, token).ConfigureAwait(false);
            var page = await session.Interact(new SessionAction("next", NoInputs, 2)).WaitAsync(Budget, token).ConfigureAwait(false);
            Expect(page, 2, id);
        }).ConfigureAwait(false);

        // Where each session lives: the silo that wrote its record, as the record says.
        var members = await cluster.ReadMembersAsync(cancellationToken).ConfigureAwait(false);
        var hosts = await ReadHostsAsync(cluster.Postgres, ids, cancellationToken).ConfigureAwait(false);
        var byHost = hosts.GroupBy(h => h.Value, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ToList();
        var victim = members.Single(m => m.SiloId == byHost[0].Key && m.Status == ClusterMember.Active);
        var victimSessions = byHost[0].Select(h => h.Key).ToArray();
        var process = cluster.ProcessOf(victim);
        var admission = await cluster.Client.GetGrain<IManagementGrain>(0)
            .GetActivationAddress(cluster.Client.GetGrain<ISessionAdmissionGrain>(ISessionAdmissionGrain.Key), cancellationToken).ConfigureAwait(false);
        var admissionSilo = admission is null ? "not active" : BenchCluster.NameOf(members, admission.ToParsableString());
        var spread = string.Join(" / ", byHost.Select(g => $"{BenchCluster.NameOf(members, g.Key)} {g.Count()}"));

        // The kill, then the failure detector (baseline) and every session the silo hosted, all watched at once.
        var sinceKill = Stopwatch.StartNew();
        process.Kill();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var detection = WatchMemberRowAsync(cluster, victim, sinceKill, stopWatching.Token);
        var recoveries = victimSessions.Select(id => RecoverAsync(cluster, id, sinceKill, attemptTimeout, cancellationToken)).ToArray();
        var recovered = await Task.WhenAll(recoveries).ConfigureAwait(false);
        (double SuspectedMs, double DeadMs) detected;
        try
        {
            detected = await detection.WaitAsync(Budget, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopWatching.CancelAsync().ConfigureAwait(false);
        }

        var after = await cluster.ReadMembersAsync(cancellationToken).ConfigureAwait(false);
        var newHosts = await ReadHostsAsync(cluster.Postgres, victimSessions, cancellationToken).ConfigureAwait(false);
        var movedTo = string.Join(" / ", newHosts.Values.GroupBy(s => BenchCluster.NameOf(after, s), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

        // The sessions of this run are ended so the next run starts with the load spread evenly again.
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (id, token) =>
            await SessionRetry.CallAsync(async () => { await cluster.Client.GetGrain<ISessionGrain>(id).End().ConfigureAwait(false); return true; }, attemptTimeout, Budget, token).ConfigureAwait(false)).ConfigureAwait(false);

        return new FailoverRun(run, victim.Name, victimSessions.Length, count, spread, admissionSilo, detected.SuspectedMs, detected.DeadMs, recovered, movedTo);
    }

    private static async Task<SessionRecovery> RecoverAsync(BenchCluster cluster, string id, Stopwatch sinceKill, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        var session = cluster.Client.GetGrain<ISessionGrain>(id);
        var outcome = await SessionRetry.CallAsync(() => session.Interact(new SessionAction("next", NoInputs, 3)), attemptTimeout, Budget, cancellationToken).ConfigureAwait(false);
        var elapsed = sinceKill.Elapsed.TotalMilliseconds;
        if (outcome.Error is null)
        {
            Expect(outcome.Value!, 3, id);
        }

        return new SessionRecovery(id, outcome.Error is null ? elapsed : double.NaN, outcome.Attempts, outcome.Failures, outcome.Error);
    }

    private static void Expect(SessionReply reply, int page, string id)
    {
        var actual = reply.View.Data.GetProperty("page").GetInt32();
        if (actual != page || reply.Seq != page)
        {
            throw new InvalidOperationException($"session {id}: expected page {page} at seq {page}, got page {actual} at seq {reply.Seq}");
        }
    }

    /// <summary>Polls the killed silo's membership row every 10 ms: when a suspicion is first recorded, and when it is Dead.</summary>
    private static async Task<(double SuspectedMs, double DeadMs)> WatchMemberRowAsync(BenchCluster cluster, ClusterMember victim, Stopwatch sinceKill, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(cluster.Postgres);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var suspected = double.NaN;
        var key = new { Cluster = cluster.ClusterId, victim.Address, victim.Port, victim.Generation };
        while (true)
        {
            var row = await connection.QuerySingleAsync<(int Status, string SuspectTimes)>(new CommandDefinition(MemberRowQuery, key, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var now = sinceKill.Elapsed.TotalMilliseconds;
            if (double.IsNaN(suspected) && (row.SuspectTimes.Length > 0 || row.Status == ClusterMember.Dead))
            {
                suspected = now;
            }

            if (row.Status == ClusterMember.Dead)
            {
                return (suspected, now);
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Dictionary<string, string>> ReadHostsAsync(string postgres, string[] ids, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(postgres);
        var rows = await connection.QueryAsync<(string Key, string Silo)>(new CommandDefinition(HostsQuery, new { Keys = ids }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var hosts = rows.ToDictionary(r => r.Key, r => r.Silo, StringComparer.Ordinal);
        return hosts.Count == ids.Length
            ? hosts
            : throw new InvalidOperationException($"{ids.Length - hosts.Count} of {ids.Length} sessions have no record in grain_state.");
    }

    private static void Write(Report report, BenchCluster cluster, List<FailoverRun> results, int sessions, TimeSpan attemptTimeout, IReadOnlyDictionary<string, string> siloSettings)
    {
        var all = results.SelectMany(r => r.Sessions).ToList();
        var ok = all.Where(s => s.Error is null).Select(s => s.FirstSuccessMs).ToList();
        report.Line($"### failover: SIGKILL of a session's silo → first successful interaction ({results.Count} runs, 3 active silos each, {sessions} sessions per run)");
        report.Line();
        report.Line($"Cluster {cluster.ClusterId}; silo settings: {(siloSettings.Count == 0 ? "the platform's defaults" : Describe(siloSettings))}. "
            + $"Each interaction attempt abandoned after {attemptTimeout.TotalMilliseconds:0} ms and retried after 50 ms doubling to 500 ms, as the Gateway does.");
        report.Line();
        report.Line("| Run | Sessions per silo | Killed (its sessions) | Admission grain on | First suspicion, ms | Declared dead, ms | First success, median ms | max ms | Moved to | Attempts (max) | Failed attempts by type |");
        report.Line("|---:|---|---|---|---:|---:|---:|---:|---|---:|---|");
        foreach (var r in results)
        {
            var times = r.Sessions.Where(s => s.Error is null).Select(s => s.FirstSuccessMs).ToList();
            var failures = r.Sessions.SelectMany(s => s.Failures).GroupBy(f => f.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, Count: g.Sum(f => f.Value))).OrderByDescending(f => f.Count).Select(f => $"{f.Key} ×{f.Count}");
            var errors = r.Sessions.Count(s => s.Error is not null);
            report.Line($"| {r.Run} | {r.Spread} | {r.Victim} ({r.VictimSessions}) | {r.AdmissionSilo} | {Report.F(r.SuspectedMs, "0")} | {Report.F(r.DeadMs, "0")} | "
                + $"{Report.F(LatencySummary.Median(times), "0")} | {Report.F(times.DefaultIfEmpty(double.NaN).Max(), "0")} | {r.MovedTo} | {r.Sessions.Max(s => s.Attempts)} | "
                + $"{(failures.Any() ? string.Join(", ", failures) : "none")}{(errors == 0 ? string.Empty : $"; **{errors} sessions failed**: {r.Sessions.First(s => s.Error is not null).Error}")} |");
        }

        var medianSuccess = LatencySummary.Median(ok);
        var medianDead = LatencySummary.Median(results.Select(r => r.DeadMs));
        var maxSuccess = ok.DefaultIfEmpty(double.NaN).Max();
        report.Line();
        report.Line($"| Over all runs ({all.Count} sessions killed under) | Declared dead (baseline) | First successful interaction | Ratio |");
        report.Line("|---|---:|---:|---:|");
        report.Line($"| Median | {Report.F(medianDead, "0")} ms | {Report.F(medianSuccess, "0")} ms | {Report.F(medianSuccess / medianDead, "0.00")}× |");
        report.Line($"| Min – max | {Report.F(results.Min(r => r.DeadMs), "0")} – {Report.F(results.Max(r => r.DeadMs), "0")} ms | {Report.F(ok.DefaultIfEmpty(double.NaN).Min(), "0")} – {Report.F(maxSuccess, "0")} ms | |");
        report.Line();
        var met = ok.Count == all.Count && medianSuccess <= 2000 && maxSuccess <= 5000;
        report.Line($"Goal (median ≤ 2,000 ms, max ≤ 5,000 ms, every session recovered): **{(met ? "met" : "not met")}** "
            + $"(median {Report.F(medianSuccess, "0")} ms, max {Report.F(maxSuccess, "0")} ms, {all.Count - ok.Count} sessions not recovered).");
        report.Line();
    }

    private static string Describe(IReadOnlyDictionary<string, string> settings) =>
        string.Join(", ", settings.Select(kv => $"`{kv.Key.Replace("__", ":", StringComparison.Ordinal)}={kv.Value}`"));

    private sealed record SessionRecovery(string Id, double FirstSuccessMs, int Attempts, IReadOnlyDictionary<string, int> Failures, string? Error);

    private sealed record FailoverRun(
        int Run, string Victim, int VictimSessions, int SessionCount, string Spread, string AdmissionSilo, double SuspectedMs, double DeadMs,
        IReadOnlyList<SessionRecovery> Sessions, string MovedTo);
}
