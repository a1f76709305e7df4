using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Faults;

/// <summary>
/// A network partition between silos, for real: silo A in one network namespace, silo B in another, PostgreSQL and a
/// Gateway process (cluster mode) in the root namespace. B's link is cut while both host sessions: B loses its database
/// lease and stops serving, A declares B dead and serves every session, never one active on both sides (from the
/// silos' own activation logs); after the heal B finds itself dead and stops, and a fresh silo in B's namespace joins.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Faults")]
public sealed class NetworkPartitionTests(ITestOutputHelper output)
{
    private const int SessionCount = 10;

    // A hang guard for a session's next interaction, many times the goal (3 s, a benchmark's figure; the test prints
    // what it measured): a session that is never served on A again fails it.
    private static readonly TimeSpan s_serveBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_silo_cut_off_stops_serving_its_sessions_go_on_on_the_other_side_never_on_both_and_the_cluster_converges_after_the_heal()
    {
        await using var network = await PartitionNetwork.CreateAsync();
        var databaseHost = network.A.RootAddress;
        await using var postgres = await PrivatePostgres.StartAsync(["127.0.0.1", databaseHost], [PartitionNetwork.Range]);
        await using var database = await postgres.CreateDatabaseAsync(databaseHost);
        var shared = new Dictionary<string, string>
        {
            ["Silo__ClusterId"] = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            ["Transport__ClusterSecret"] = "test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["Logging__LogLevel__OrleansPlatform.Grains.Sessions.SessionGrain"] = "Debug",
            ["Logging__LogLevel__OrleansPlatform.Grains.Isolation"] = "Information",
        };

        // The Gateway starts alongside the silos (its Orleans client retries until they are up): most of the test's time
        // is process start-up on a loaded machine.
        var clusterStart = SiloCluster.StartAsync(database, 2, shared, withClient: false, launch: i => PartitionNetwork.Launch(i == 0 ? network.A : network.B));
        var gatewayStart = GatewayProcess.StartAsync(database, AdminApi.GatewaySettings(new Dictionary<string, string>(shared) { ["Gateway__Mode"] = "Cluster" }));
        try
        {
            await Task.WhenAll(clusterStart, gatewayStart);
        }
        catch
        {
            await DisposeStartedAsync(clusterStart);
            await DisposeStartedAsync(gatewayStart);
            throw;
        }

        await using var cluster = await clusterStart;
        await using var gateway = await gatewayStart;
        using var http = gateway.CreateClient(followRedirects: false);
        var (siloA, siloB) = (cluster.Silos[0], cluster.Silos[1]);
        var (idA, idB) = (await cluster.SiloIdOfAsync(siloA), await cluster.SiloIdOfAsync(siloB));

        // Sessions on both sides, idle when the link goes (nothing in flight that B could still be finishing).
        var ids = (await Task.WhenAll(Enumerable.Range(0, SessionCount).Select(_ => SessionFlow.StartAtPageTwoAsync(http)))).ToList();

        var onB = ids.Where(id => SessionActivity.LastSiloOf(cluster.Silos, id) == idB).ToList();
        output.WriteLine($"{SessionCount - onB.Count} sessions on A ({idA}), {onB.Count} on B ({idB})");
        Assert.NotEmpty(onB);
        Assert.NotEqual(SessionCount, onB.Count);

        // Cut B off; every session answers its next interaction, through the Gateway, on A.
        var cutAt = DateTimeOffset.UtcNow;
        await network.CutAsync(network.B);
        var served = await Task.WhenAll(ids.Select(id => NextPageAsync(http, id, 3, s_serveBound)));
        output.WriteLine($"after the cut: every session answered within {served.Max().TotalSeconds:0.0} s (those that were on B: {onB.Max(id => served[ids.IndexOf(id)]).TotalSeconds:0.0} s at most)");

        // B stopped serving: it lost its database lease and dropped its sessions, before A could take them over.
        var isolatedAt = await WaitForIsolationAsync(siloB, TimeSpan.FromSeconds(30));
        output.WriteLine($"B isolated {(isolatedAt - cutAt).TotalSeconds:0.00} s after the cut");
        await cluster.WaitForDeadAsync(siloB.Pid, TimeSpan.FromSeconds(60));
        output.WriteLine($"B declared dead by A {(DateTimeOffset.UtcNow - cutAt).TotalSeconds:0.0} s after the cut (at the latest)");

        var events = SessionActivity.Events(cluster.Silos);
        foreach (var id in ids)
        {
            var mine = events.Where(e => e.SessionId == id).ToList();
            AssertNeverActiveOnTwoSilos(id, mine);
            Assert.DoesNotContain(mine, e => e.Kind == "applied" && e.Silo == idB && e.At >= cutAt);
            if (onB.Contains(id))
            {
                var leftB = mine.LastOrDefault(e => e.Kind == "deactivated" && e.Silo == idB);
                var cameToA = mine.FirstOrDefault(e => e.Kind == "activated" && e.Silo == idA && e.At >= cutAt);
                Assert.NotNull(leftB);
                Assert.NotNull(cameToA);
                Assert.True(leftB.At < cameToA.At, $"session {id}: deactivated on B at {leftB.At:O}, activated on A at {cameToA.At:O}");
            }
        }

        // Heal: B reads itself Dead and stops by itself. A fresh silo in B's namespace (as a supervisor would start one;
        // started at once, not after the exit, to keep the test's time down: it has a port of its own) joins as Active.
        var healAt = Stopwatch.StartNew();
        await network.HealAsync(network.B);
        var launchB = PartitionNetwork.Launch(network.B);
        var freshB = cluster.StartSilo(launchB.Only, launchB.CommandPrefix);
        await siloB.WaitForExitAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"after the heal: B stopped by itself in {healAt.Elapsed.TotalSeconds:0.0} s (exit code {siloB.ExitCode})");
        await Eventually.ReturnsAsync(
            async () => (await cluster.ReadMembershipAsync()).Any(m => m.Pid == freshB.Pid && m.Status == SiloStatus.Active),
            active => active,
            TimeSpan.FromSeconds(45));
        output.WriteLine($"after the heal: a fresh silo in B's namespace Active {healAt.Elapsed.TotalSeconds:0.0} s after it");

        var again = await Task.WhenAll(ids.Select(id => NextPageAsync(http, id, 4, s_serveBound)));
        output.WriteLine($"after the heal: every session answered within {again.Max().TotalSeconds:0.0} s");

        // Pids are the admin's to see (the public /api/cluster/silos gives none).
        using var admin = new AdminApi(http.BaseAddress!);
        var silos = (await admin.GetOkAsync("/admin/api/silos")).GetProperty("silos").Deserialize<List<SiloRow>>(JsonSerializerOptions.Web)!;
        Assert.Equal("Active", silos.Single(s => s.Pid == siloA.Pid).Status);
        Assert.Equal("Dead", silos.Single(s => s.Pid == siloB.Pid).Status);
        Assert.Equal("Active", silos.Single(s => s.Pid == freshB.Pid).Status);
        Assert.False(siloA.HasExited, "silo A exited: " + siloA.StandardError);

        // Nothing acknowledged was lost, and nothing was ever active on both sides over the whole run.
        events = SessionActivity.Events(cluster.Silos);
        foreach (var id in ids)
        {
            Assert.Equal(4, (await SessionActivity.StoredAsync(cluster, id))!.Value.Seq);
            AssertNeverActiveOnTwoSilos(id, events.Where(e => e.SessionId == id).ToList());
        }

        // Nothing more to observe: end the processes now rather than wait for graceful shutdowns (disposing cleans up).
        gateway.Process.Kill();
        foreach (var silo in cluster.Silos.Where(s => !s.HasExited))
        {
            silo.Kill();
        }
    }

    private static async Task DisposeStartedAsync<T>(Task<T> start)
        where T : IAsyncDisposable
    {
        if (start.IsCompletedSuccessfully)
        {
            await start.Result.DisposeAsync();
        }
    }

    // The next page (seq), through the Gateway, repeated with the same seq on a 503 (the Gateway's own retries come
    // first): how long it took; the answer must be exactly that page.
    private static async Task<TimeSpan> NextPageAsync(HttpClient http, string id, long seq, TimeSpan bound)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            using var timeout = new CancellationTokenSource(bound);
            using var response = await http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "next", seq }, timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(seq, body.GetProperty("seq").GetInt64());
                Assert.Equal(seq, body.GetProperty("view").GetProperty("data").GetProperty("page").GetInt32());
                return started.Elapsed;
            }

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"session {id} seq {seq}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            // The hang guard: still refused after it means the session was never served again.
            Assert.True(started.Elapsed < bound, $"session {id} seq {seq}: still 503 after {started.Elapsed.TotalSeconds:0.0} s (hang guard)");
            await Task.Delay(200);
        }
    }

    // B's own line (event 3100) saying when it lost its database lease.
    private static async Task<DateTimeOffset> WaitForIsolationAsync(PlatformProcess silo, TimeSpan within)
    {
        var line = await Eventually.ReturnsAsync(
            () => Task.FromResult(silo.OutputLines.FirstOrDefault(l => l.Contains(" is isolated at ", StringComparison.Ordinal))),
            found => found is not null,
            within);
        // "... is isolated at 2026-01-01T00:00:00.0000000+00:00: no database check ..."
        const string Marker = " is isolated at ";
        var at = line![(line!.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Split(' ')[0].TrimEnd(':');
        return DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
    }

    private static void AssertNeverActiveOnTwoSilos(string id, List<SessionActivity.Event> events)
    {
        var intervals = new List<(string Silo, DateTimeOffset From, DateTimeOffset To)>();
        var open = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Kind == "activated")
            {
                open[e.Silo] = e.At;
            }
            else if (e.Kind == "deactivated" && open.Remove(e.Silo, out var from))
            {
                intervals.Add((e.Silo, from, e.At));
            }
        }

        intervals.AddRange(open.Select(o => (o.Key, o.Value, DateTimeOffset.MaxValue)));
        foreach (var a in intervals)
        {
            foreach (var b in intervals)
            {
                Assert.False(
                    a.Silo != b.Silo && a.From < b.To && b.From < a.To,
                    $"session {id} was active on {a.Silo} ({a.From:O}..{a.To:O}) and on {b.Silo} ({b.From:O}..{b.To:O}) at once");
            }
        }
    }

    private sealed record SiloRow(string Id, string Address, string Status, int Pid, int Activations, string Name);
}
