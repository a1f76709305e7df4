using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.RunScript;

/// <summary>
/// <c>./run.sh --silos 3 --gateways 2 --postgres ...</c> as the README gives it: two Gateways behind a real HAProxy on
/// the public port, all supervised by the node agent. Users paging through catalog-search sessions under load see no
/// error while one Gateway is killed with kill -9 (and restarted by the agent), one is stopped (drained) and started
/// again, and one is restarted through the agent.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RunShGatewaysTests(ITestOutputHelper output)
{
    private const int Users = 8;

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Users_behind_HAProxy_see_no_error_when_a_Gateway_is_killed_drained_or_restarted()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await RunShCluster.StartAsync(database.ConnectionString, silos: 3, flags: ["--gateways", "2", "--no-standby"]);
        var agentCli = await cluster.AgentCliAsync();

        // The agent supervises both Gateways and HAProxy, each healthy.
        var resources = await Eventually.ReturnsAsync(
            cluster.ResourcesAsync,
            r => new[] { "gateway-1", "gateway-2", "haproxy" }.All(id => r.TryGetValue(id, out var x) && x.State == "healthy"),
            TimeSpan.FromSeconds(120));
        Assert.Equal("haproxy", resources["haproxy"].Type);
        Assert.Equal(["gateway", "gateway"], new[] { resources["gateway-1"].Type, resources["gateway-2"].Type });

        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var answered = 0L;
        var servedBy = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var users = Enumerable.Range(0, Users).Select(_ => Task.Run(() => UserAsync(cluster.Http, failures, servedBy, () => Interlocked.Increment(ref answered), stop.Token))).ToList();
        try
        {
            await Eventually.ReturnsAsync(() => Task.FromResult(Interlocked.Read(ref answered)), n => n >= 50, TimeSpan.FromSeconds(60));

            // kill -9 of a Gateway: HAProxy sends its requests again to the other one; the agent restarts it.
            var victim = resources["gateway-1"];
            Process.GetProcessById(victim.Pid).Kill();
            var restarted = await Eventually.ReturnsAsync(
                cluster.ResourcesAsync,
                // At least one restart: on a loaded machine a new process may fail its first start too (and be restarted again).
                r => r["gateway-1"].State == "healthy" && r["gateway-1"].Pid != victim.Pid && r["gateway-1"].Restarts >= 1,
                TimeSpan.FromSeconds(180));
            await MoreAnswersAsync(() => Interlocked.Read(ref answered), 50);
            output.WriteLine($"gateway-1 (pid {victim.Pid}) killed and restarted as pid {restarted["gateway-1"].Pid}; {Interlocked.Read(ref answered)} answers so far");

            // A drain: the agent stops gateway-2 (SIGTERM, in-flight requests finish), then starts it again.
            Assert.Equal(0, (await OplatProcess.RunAsync(agentCli, RepoPaths.Root, "resources", "stop", "gateway-2")).ExitCode);
            await Eventually.ReturnsAsync(cluster.ResourcesAsync, r => r["gateway-2"].State == "stopped", TimeSpan.FromSeconds(60));
            await MoreAnswersAsync(() => Interlocked.Read(ref answered), 50);
            Assert.Equal(0, (await OplatProcess.RunAsync(agentCli, RepoPaths.Root, "resources", "start", "gateway-2")).ExitCode);
            await Eventually.ReturnsAsync(cluster.ResourcesAsync, r => r["gateway-2"].State == "healthy", TimeSpan.FromSeconds(90));

            // A restart through the agent.
            var before = (await cluster.ResourcesAsync())["gateway-1"].Pid;
            Assert.Equal(0, (await OplatProcess.RunAsync(agentCli, RepoPaths.Root, "resources", "restart", "gateway-1")).ExitCode);
            await Eventually.ReturnsAsync(cluster.ResourcesAsync, r => r["gateway-1"].State == "healthy" && r["gateway-1"].Pid != before, TimeSpan.FromSeconds(90));
            await MoreAnswersAsync(() => Interlocked.Read(ref answered), 50);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(users);
        }

        output.WriteLine($"{Interlocked.Read(ref answered)} answers through HAProxy, {failures.Count} failures; served by "
            + string.Join(", ", servedBy.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} requests failed:\n" + string.Join('\n', failures.Take(20)));

        // The balancer spread the sessions over both Gateways (HAProxy names the one that answered).
        Assert.Equal(["gateway-1", "gateway-2"], servedBy.Keys.Order(StringComparer.Ordinal));
    }

    // One user: a catalog-search session at a time, searched and paged to page 3; every answer must be the right one.
    private static async Task UserAsync(HttpClient http, ConcurrentQueue<string> failures, ConcurrentDictionary<string, int> servedBy, Action answered, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var started = await http.PostAsync("/api/apps/catalog-search/sessions", null, CancellationToken.None);
                if (!Check(failures, "start", started.StatusCode, HttpStatusCode.Created))
                {
                    continue;
                }

                answered();
                if (started.Headers.TryGetValues("X-Gateway", out var gateway))
                {
                    servedBy.AddOrUpdate(gateway.Single(), 1, (_, n) => n + 1);
                }

                var id = (await started.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("sessionId").GetString()!;
                using (var searched = await http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "search", inputs = new { keyword = "router" }, seq = 1 }, CancellationToken.None))
                {
                    if (!Check(failures, $"search {id}", searched.StatusCode, HttpStatusCode.OK))
                    {
                        continue;
                    }
                }

                answered();
                for (var seq = 2; seq <= 3; seq++)
                {
                    var (status, body) = await SessionFlow.NextAsync(http, id, seq, CancellationToken.None);
                    if (!Check(failures, $"next {id} seq {seq}", status, HttpStatusCode.OK))
                    {
                        break;
                    }

                    if (SessionFlow.Page(body) != seq)
                    {
                        failures.Enqueue($"next {id} seq {seq}: page {SessionFlow.Page(body)}");
                        break;
                    }

                    answered();
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
            {
                failures.Enqueue($"{exception.GetType().Name}: {exception.Message}");
            }
        }
    }

    private static bool Check(ConcurrentQueue<string> failures, string what, HttpStatusCode status, HttpStatusCode expected)
    {
        if (status == expected)
        {
            return true;
        }

        failures.Enqueue($"{what}: {(int)status}");
        return false;
    }

    // The load goes on: at least `count` more answers (a hang guard of 60 s, not a rate).
    private static async Task MoreAnswersAsync(Func<long> answered, long count)
    {
        var target = answered() + count;
        await Eventually.ReturnsAsync(() => Task.FromResult(answered()), n => n >= target, TimeSpan.FromSeconds(60));
    }
}
