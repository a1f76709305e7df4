using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.RunScript;

/// <summary>
/// <c>./run.sh --silos 3 --postgres ...</c>, then SIGSTOP of the silo hosting most sessions: a silent silo (connections
/// open, nothing answered), unlike kill -9. Every session's next interaction, sent at once, answers 200 with its next
/// page (nothing acknowledged is lost), each within a generous bound so a hang fails the test (the 3 s goal is measured
/// by <c>bash bench/run.sh freeze</c>, not asserted); after SIGCONT the resumed silo never answers for a session that
/// moved: the moved sessions go on from where they were, served and recorded by other silos.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RunShFreezeTests(ITestOutputHelper output)
{
    private const int SessionCount = 12;
    private const int Sigstop = 19;
    private const int Sigcont = 18;

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Every_session_answers_its_next_interaction_after_a_sigstop_of_its_busiest_silo_and_the_resumed_silo_answers_for_none()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        var port = FreePort.Next();
        await using var runSh = PlatformProcess.StartCommand(
            "bash",
            [Path.Combine(RepoPaths.Root, "run.sh"), "--silos", "3", "--postgres", database.ConnectionString, "--port", port.ToString(CultureInfo.InvariantCulture), "--no-build"],
            RepoPaths.Root,
            new Dictionary<string, string> { ["ORLEANSPLATFORM_Logging__LogLevel__Default"] = "Warning" });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await Eventually.ReturnsAsync(() => ActiveSilosAsync(database.ConnectionString), n => n == 3, TimeSpan.FromSeconds(120));
        await Eventually.ReturnsAsync(() => HealthyAsync(http), up => up, TimeSpan.FromSeconds(60));

        var sessions = new List<string>();
        for (var i = 0; i < SessionCount; i++)
        {
            sessions.Add(await StartAtPageTwoAsync(http));
        }

        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var hosts = new Dictionary<string, string>();
        foreach (var id in sessions)
        {
            hosts[id] = await connection.QuerySingleAsync<string>("SELECT silo FROM session_records WHERE session_id = @Key", new { Key = id });
        }

        var victim = hosts.Values.GroupBy(h => h).OrderByDescending(g => g.Count()).First().Key;
        var victimPid = await connection.QuerySingleAsync<int>("SELECT pid FROM platform_silos WHERE silo_id = @Id", new { Id = victim });
        var moved = hosts.Where(h => h.Value == victim).Select(h => h.Key).ToList();
        var expectedPage3 = await ExpectedItemsAsync(connection, 3);
        var expectedPage4 = await ExpectedItemsAsync(connection, 4);

        Signal(victimPid, Sigstop);
        try
        {
            var frozenAt = Stopwatch.StartNew();
            var answers = await Task.WhenAll(sessions.Select(async id =>
            {
                var (status, body) = await NextAsync(http, id, 3);
                return (Id: id, Status: status, Body: body, frozenAt.Elapsed);
            }));

            output.WriteLine($"SIGSTOP of {victim} (pid {victimPid}, hosting {moved.Count} of {SessionCount}): its sessions answered after "
                + string.Join(", ", answers.Where(a => moved.Contains(a.Id)).Select(a => $"{a.Elapsed.TotalMilliseconds:F0} ms").Order())
                + $"; slowest of all {answers.Max(a => a.Elapsed).TotalMilliseconds:F0} ms");
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
            Assert.All(answers, a => Assert.Equal(3, Page(a.Body)));
            Assert.All(answers, a => Assert.Equal(expectedPage3, Items(a.Body)));

            // A hang, not a speed, fails this: the goal (3 s) is the benchmark's.
            Assert.All(answers, a => Assert.True(a.Elapsed < TimeSpan.FromSeconds(8), $"session {a.Id} answered {a.Elapsed} after the SIGSTOP"));

            // The frozen silo's sessions were served elsewhere: their records were written by another silo.
            foreach (var id in moved)
            {
                Assert.NotEqual(victim, await connection.QuerySingleAsync<string>("SELECT silo FROM session_records WHERE session_id = @Key", new { Key = id }));
            }
        }
        finally
        {
            Signal(victimPid, Sigcont);
        }

        // Resumed, the silo learns it was declared dead and stops (the agent restarts it under a new incarnation). Whatever
        // it still held in memory never answers: each moved session goes on from page 3 to page 4, recorded by a live silo.
        await Eventually.ReturnsAsync(() => Task.FromResult(ProcessLiveness.IsRunning(victimPid)), running => !running, TimeSpan.FromSeconds(60));
        foreach (var id in moved)
        {
            var (status, body) = await NextAsync(http, id, 4);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(4, Page(body));
            Assert.Equal(expectedPage4, Items(body));
            Assert.NotEqual(victim, await connection.QuerySingleAsync<string>("SELECT silo FROM session_records WHERE session_id = @Key", new { Key = id }));
        }

        var membershipStatus = await connection.QuerySingleAsync<int>(
            "SELECT Status FROM OrleansMembershipTable WHERE Address || ':' || Port::text || '@' || Generation::text = @Id", new { Id = victim });
        Assert.Equal(6, membershipStatus);
    }

    private static void Signal(int pid, int signal)
    {
        using var kill = Process.Start("kill", $"-{signal.ToString(CultureInfo.InvariantCulture)} {pid.ToString(CultureInfo.InvariantCulture)}");
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> NextAsync(HttpClient http, string id, int seq)
    {
        using var response = await http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "next", seq });
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static int Page(JsonElement body) => body.GetProperty("view").GetProperty("data").GetProperty("page").GetInt32();

    private static long[] Items(JsonElement body) =>
        body.GetProperty("view").GetProperty("data").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();

    private static async Task<long[]> ExpectedItemsAsync(Npgsql.NpgsqlConnection connection, int page) =>
        (await connection.QueryAsync<long>("SELECT id FROM products WHERE lower(name) LIKE '%router%' ORDER BY id LIMIT 5 OFFSET @Offset", new { Offset = (page - 1) * 5 })).ToArray();

    private static async Task<string> StartAtPageTwoAsync(HttpClient http)
    {
        using var started = await http.PostAsync("/api/apps/catalog-search/sessions", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("sessionId").GetString()!;
        (await http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "search", inputs = new { keyword = "router" }, seq = 1 })).EnsureSuccessStatusCode();
        using var page2 = await http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "next", seq = 2 });
        page2.EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<bool> HealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health");
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<long> ActiveSilosAsync(string connectionString)
    {
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM platform_silos p JOIN OrleansMembershipTable m "
                + "ON p.silo_id = m.Address || ':' || m.Port::text || '@' || m.Generation::text WHERE m.Status = 3");
        }
        catch (Npgsql.NpgsqlException)
        {
            return 0;
        }
    }
}
