using System.Net;
using Dapper;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Faults;

/// <summary>
/// The cluster database goes away under load: a restart, a stop, a stall (every PostgreSQL process frozen). A private
/// PostgreSQL server of this test's own is restarted, stopped and frozen for real; two silo processes and a Gateway
/// process in cluster mode keep running throughout.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Faults")]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private const int SessionCount = 8;

    [Fact]
    public async Task Restart_stop_and_stall_of_the_database_under_load_answer_only_200_or_503_lose_nothing_and_recover_without_restarts()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var database = await postgres.CreateDatabaseAsync();
        await using var cluster = await SiloCluster.StartAsync(database, 2, withClient: false);
        await using var gateway = await GatewayProcess.StartForClusterAsync(database, cluster);
        var processes = cluster.Silos.Append(gateway.Process).ToList();

        using var http = gateway.CreateClient(followRedirects: false);
        using var browser = gateway.CreateClient();

        // order-entry needs a signed-in user: the load with a bearer token, the browsers with the sign-in cookie (signed in
        // while the database is up; during the outage the Gateway cannot check a user, and answers 503 like any other call).
        await TestUsers.AuthorizeAsync(http, database);
        await TestUsers.SignInAsync(browser, await TestUsers.AddAsync(database));
        using var stranger = gateway.CreateClient();
        await TestUsers.SignInAsync(stranger, await TestUsers.AddAsync(database));
        using (var page = await browser.GetAsync("/apps/order-entry"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await using var load = await SessionLoad.StartAsync(http, SessionCount);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var phases = new List<Phase>();
        phases.Add(await RunPhaseAsync(load, "restart", postgres.RestartAsync, () => Task.CompletedTask, TimeSpan.Zero));
        phases.Add(await RunPhaseAsync(load, "stop 10 s", postgres.StopAsync, postgres.StartAsync, TimeSpan.FromSeconds(10), async () =>
        {
            // A new visitor cannot be given a session now: a page that says so and offers to try again, never a 500.
            using var refused = await stranger.GetAsync("/apps/order-entry");
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("Temporarily unavailable", html, StringComparison.Ordinal);
            Assert.Contains("href=\"/apps/order-entry\">Try again", html, StringComparison.Ordinal);
            Assert.NotNull(refused.Headers.RetryAfter);

            // The visitor who has a session keeps it (a 503 page at worst while the database is away).
            using var known = await browser.GetAsync("/apps/order-entry");
            Assert.True(known.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"a known visitor got {(int)known.StatusCode}");
        }));
        phases.Add(await RunPhaseAsync(load, "stall 8 s", () => { postgres.Freeze(); return Task.CompletedTask; }, () => { postgres.Thaw(); return Task.CompletedTask; }, TimeSpan.FromSeconds(8)));

        var outcomes = load.Outcomes;
        var items = await load.FinishAsync();
        foreach (var phase in phases)
        {
            output.WriteLine(phase.ToString());
        }

        var byStatus = outcomes.GroupBy(o => o.Status).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"answers: {string.Join(", ", byStatus.Select(kv => $"{(int)kv.Key}: {kv.Value}"))}; carts: {items.Values.Sum()} units in {items.Count} sessions");

        // Only 200 or 503 (problem+json with Retry-After), never another status.
        var wrong = outcomes.Where(o => o.Status is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)).ToList();
        Assert.True(wrong.Count == 0, "other answers: " + string.Join("\n", wrong.Take(10).Select(o => $"{(int)o.Status} seq {o.Seq}: {o.Detail}")));
        var unavailable = outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.All(unavailable, o => Assert.Equal("application/problem+json", o.ContentType));
        Assert.All(unavailable, o => Assert.NotNull(o.RetryAfter));
        Assert.True(unavailable.Count > 0, "the outages were not felt at all: the test did not take the database away");

        // Every session was served again after each return of the database: RunPhaseAsync waits for it, and pools that
        // never recovered fail its 60 s hang guard. How soon is a figure, printed per phase (measured on a loaded 2-core
        // machine: 0.2 s after a restart, 0.6 s after a stop, 0.5 s after a stall).

        // No process died or was restarted: the same silos are still the cluster's members.
        Assert.All(processes, p => Assert.False(p.HasExited, $"pid {p.Pid} exited with {p.ExitCode}: {p.StandardError}"));
        // The test's own pool, like any, loses one operation to a connection the restart killed; Npgsql then empties it.
        await Eventually.ReturnsAsync(ProbeDatabaseAsync(cluster), ok => ok);

        var members = await cluster.ReadMembershipAsync();
        Assert.Equal(2, members.Count(m => m.Status == SiloStatus.Active));
        Assert.DoesNotContain(members, m => m.Status == SiloStatus.Dead);

        // Nothing acknowledged is lost: each stored record holds the session's last interaction.
        foreach (var (id, last) in load.Acknowledged)
        {
            Assert.Equal(last, (await SessionActivity.StoredAsync(cluster, id))!.Value.Seq);
        }

        // The connection pools recovered by themselves: no connection left stuck in a transaction.
        await using var connection = await cluster.OpenDatabaseAsync();
        var stuck = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND state_change < now() - interval '5 seconds'");
        var total = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()");
        output.WriteLine($"connections to the database now: {total}, stuck in a transaction: {stuck}");
        Assert.Equal(0, stuck);

        // The browser's session continued where it was: no new session cookie.
        using var after = await browser.GetAsync("/apps/order-entry");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.False(after.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("op_session_", StringComparison.Ordinal)), "the visitor was given a new session");
    }

    private static Func<Task<bool>> ProbeDatabaseAsync(SiloCluster cluster) => async () =>
    {
        try
        {
            await using var connection = await cluster.OpenDatabaseAsync();
            return await connection.ExecuteScalarAsync<int>("SELECT 1") == 1;
        }
        catch (Npgsql.NpgsqlException)
        {
            return false;
        }
    };

    private async Task<Phase> RunPhaseAsync(SessionLoad load, string name, Func<Task> begin, Func<Task> end, TimeSpan outage, Func<Task>? during = null)
    {
        var before = load.Outcomes.Count;
        var downAt = load.Now;
        await begin();
        await Task.Delay(outage);
        if (during is not null)
        {
            await during();
        }

        await end();
        var upAt = load.Now;
        output.WriteLine($"{name}: database away {(upAt - downAt).TotalSeconds:0.0} s");
        var servedAt = await load.WaitAllServedAfterAsync(upAt, TimeSpan.FromSeconds(60));

        // Let the phase's stragglers answer before the next fault.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var answers = load.Outcomes.Skip(before).ToList();
        var ok = answers.Where(o => o.Status == HttpStatusCode.OK).Select(o => o.Latency).Order().ToList();
        var refused = answers.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).Select(o => o.Latency).Order().ToList();
        return new Phase(name, servedAt - upAt, ok.Count, refused.Count, Percentile(ok, 0.99), refused.Count == 0 ? TimeSpan.Zero : refused[^1]);
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed record Phase(string Name, TimeSpan Recovery, int Ok, int Unavailable, TimeSpan OkP99, TimeSpan UnavailableMax)
    {
        public override string ToString() =>
            $"{Name}: every session served again {Recovery.TotalSeconds:0.00} s after the database returned; {Ok} × 200 (p99 {OkP99.TotalMilliseconds:0} ms), {Unavailable} × 503 (slowest {UnavailableMax.TotalMilliseconds:0} ms)";
    }
}
