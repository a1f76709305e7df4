using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Admin;

/// <summary>
/// <c>POST /admin/api/silos/{id}/drain</c> under load: sessions keep paging through the Gateway while one of three silo
/// processes shuts down gracefully, and not one interaction fails or loses its place; the drained process exits 0, the
/// membership history says it left, and a silo killed afterwards is recorded as having died.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloDrainTests(ITestOutputHelper output)
{
    private const int Workers = 6;

    [Fact]
    public async Task Draining_a_silo_under_load_fails_no_interaction_and_its_sessions_move_to_the_others()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 3, withClient: false);
        await using var gateway = await GatewayProcess.StartForClusterAsync(database, cluster, AdminApi.GatewaySettings());
        using var admin = new AdminApi(gateway.BaseAddress);
        using var http = gateway.CreateClient();

        var sessions = new List<string>();
        for (var i = 0; i < Workers * 2; i++)
        {
            sessions.Add(await SessionFlow.StartAtPageTwoAsync(http));
        }

        // Every session is active on some silo.
        var activeSessions = (await admin.GetOkAsync("/admin/api/silos")).GetProperty("silos").EnumerateArray().Sum(s => s.GetProperty("sessions").GetInt32());
        Assert.True(activeSessions >= sessions.Count, $"{activeSessions} session activations for {sessions.Count} sessions");

        // The silo that served most of these sessions last.
        var bySilo = (await admin.GetOkAsync("/admin/api/sessions")).GetProperty("bySilo").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        var victimId = bySilo.OrderByDescending(kv => kv.Value).First().Key;
        var victim = await cluster.ProcessOfAsync(victimId);
        output.WriteLine($"sessions by silo before the drain: {string.Join(", ", bySilo.Select(kv => $"{kv.Key}={kv.Value}"))}; draining {victimId}");

        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var interactions = 0;
        var load = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            // Each worker pages its two sessions back and forth: page 1, 2, 1, 2, ... and checks every answer.
            var mine = new[] { sessions[w * 2], sessions[(w * 2) + 1] };
            var seq = new long[] { 3, 3 };
            var page = new[] { 2, 2 };
            while (!stop.IsCancellationRequested)
            {
                for (var s = 0; s < mine.Length; s++)
                {
                    var action = page[s] == 2 ? "prev" : "next";
                    using var response = await http.PostAsJsonAsync($"/api/sessions/{mine[s]}/actions", new { action, seq = seq[s] });
                    var body = await response.Content.ReadAsStringAsync();
                    var expected = page[s] == 2 ? 1 : 2;
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        lock (failures)
                        {
                            failures.Add($"{mine[s]} seq {seq[s]}: {(int)response.StatusCode} {body}");
                        }

                        return;
                    }

                    var got = JsonDocument.Parse(body).RootElement.GetProperty("view").GetProperty("data").GetProperty("page").GetInt32();
                    if (got != expected)
                    {
                        lock (failures)
                        {
                            failures.Add($"{mine[s]} seq {seq[s]}: page {got}, expected {expected}");
                        }

                        return;
                    }

                    (page[s], seq[s]) = (expected, seq[s] + 1);
                    Interlocked.Increment(ref interactions);
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var beforeDrain = Volatile.Read(ref interactions);
        var draining = Stopwatch.StartNew();
        var (status, _) = await admin.PostAsync($"/admin/api/silos/{Uri.EscapeDataString(victimId)}/drain");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var exitCode = await victim.WaitForExitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"the drained silo exited with {exitCode} after {draining.ElapsedMilliseconds} ms");
        var atExit = Volatile.Read(ref interactions);

        // The load goes on after the drain: every worker's worth of interactions again (a worker stops at its first
        // failure, so a drain that broke sessions never gets there and fails the 60 s hang guard, or the check below).
        await Eventually.ReturnsAsync(
            () => Task.FromResult(Volatile.Read(ref interactions) - atExit >= Workers || failures.Count > 0),
            done => done,
            TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        output.WriteLine($"{interactions} interactions: {beforeDrain} before the drain, {atExit - beforeDrain} during it, {interactions - atExit} after");
        Assert.Empty(failures);
        Assert.Equal(0, exitCode);
        Assert.True(interactions - atExit >= Workers, $"only {interactions - atExit} interactions after the drain");

        // It left (not died), the others serve every session, and it is no longer active.
        var silos = await admin.GetOkAsync("/admin/api/silos");
        Assert.Contains(silos.GetProperty("history").EnumerateArray(), e => e.GetProperty("siloId").GetString() == victimId && e.GetProperty("kind").GetString() == "left");
        Assert.DoesNotContain(silos.GetProperty("history").EnumerateArray(), e => e.GetProperty("siloId").GetString() == victimId && e.GetProperty("kind").GetString() == "died");
        Assert.Equal(2, silos.GetProperty("active").GetInt32());
        foreach (var id in sessions)
        {
            using var view = await http.GetAsync($"/api/sessions/{id}");
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        }

        Assert.DoesNotContain(victimId, (await admin.GetOkAsync("/admin/api/sessions")).GetProperty("bySilo").EnumerateObject().Select(p => p.Name));

        // The last two: killing one is a death, and the other may not be drained.
        var remaining = (await cluster.ReadMembershipAsync()).Where(m => m.Status == SiloStatus.Active).ToList();
        var killed = await cluster.ProcessOfAsync(remaining[0].SiloId);
        var killing = Stopwatch.StartNew();
        killed.Kill();
        await cluster.WaitForDeadAsync(killed.Pid, TimeSpan.FromSeconds(45));
        output.WriteLine($"the killed silo was declared dead {killing.ElapsedMilliseconds} ms after kill -9");
        await Eventually.ReturnsAsync(
            () => admin.GetAsync("/admin/api/silos"),
            r => r.Status == HttpStatusCode.OK && r.Body.GetProperty("history").EnumerateArray().Any(e => e.GetProperty("siloId").GetString() == remaining[0].SiloId && e.GetProperty("kind").GetString() == "died"),
            TimeSpan.FromSeconds(45));
        output.WriteLine($"the killed silo was recorded as died {killing.ElapsedMilliseconds} ms after kill -9");
        var (lastStatus, problem) = await admin.PostAsync($"/admin/api/silos/{Uri.EscapeDataString(remaining[1].SiloId)}/drain");
        Assert.Equal(HttpStatusCode.Conflict, lastStatus);
        Assert.Contains("only active silo", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
