using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Membership;

[Collection(MembershipCollection.Name)]
public sealed class SiloMembershipTests
{
    private static string NewClusterId() => "cluster-" + Guid.NewGuid().ToString("N")[..8];

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Three_silos_join_and_each_sees_the_other_two_active(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clusterId = NewClusterId();
        await using var a = await TestSiloNode.StartAsync(database, clusterId, "a");
        await using var b = await TestSiloNode.StartAsync(database, clusterId, "b");
        await using var c = await TestSiloNode.StartAsync(database, clusterId, "c");
        TestSiloNode[] silos = [a, b, c];

        foreach (var silo in silos)
        {
            await Wait.UntilAsync(
                () => silos.All(other => silo.Membership.Current.Find(other.Id)?.Status == SiloStatus.Active),
                $"{silo.Name} sees all three Active");
            Assert.Equal(SiloStatus.Active, silo.Membership.LocalStatus);
            Assert.True(silo.Membership.IsServing);
            Assert.Equal(3, silo.Membership.Current.ActiveSilos.Count());
            var self = silo.Membership.Current.Find(silo.Id)!;
            Assert.Equal(silo.Name, self.Name);
            Assert.Equal("test", self.Role);
            Assert.Equal("digest-" + silo.Name, self.ConfigDigest);
            Assert.Equal(Environment.ProcessId, self.ProcessId);
            Assert.True(self.HeartbeatAtMs >= self.StartedAtMs);
        }

        // Three inserts and three activations: six changes.
        Assert.Equal(6, (await c.Membership.RefreshAsync()).Version);
        Assert.DoesNotContain(a.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && e.Category.Contains("Membership", StringComparison.Ordinal));
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_killed_silo_is_declared_dead_by_the_others_within_five_seconds(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clusterId = NewClusterId();
        await using var a = await TestSiloNode.StartAsync(database, clusterId, "a");
        await using var b = await TestSiloNode.StartAsync(database, clusterId, "b");
        await using var victim = await TestSiloNode.StartAsync(database, clusterId, "victim");
        var victimId = victim.Id;
        await Wait.UntilAsync(() => a.Membership.Current.ActiveSilos.Count() == 3 && b.Membership.Current.ActiveSilos.Count() == 3, "all three are Active");
        var changedBeforeKill = a.ChangedSnapshots.Count;

        var stopwatch = Stopwatch.StartNew();
        await victim.KillAsync();
        await Wait.UntilAsync(
            () => a.Membership.Current.IsDead(victimId) && b.Membership.Current.IsDead(victimId),
            "both survivors see the killed silo dead",
            TimeSpan.FromSeconds(15));
        var elapsed = stopwatch.Elapsed;

        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"declared dead after {elapsed}");
        Assert.Contains(a.ChangedSnapshots.Skip(changedBeforeKill), snapshot => snapshot.Find(victimId)?.Status == SiloStatus.Dead);
        Assert.True(a.Membership.IsServing);
        Assert.True(b.Membership.IsServing);
        Assert.Equal(2, a.Membership.Current.ActiveSilos.Count());
        Assert.Contains(a.Logs.Entries.Concat(b.Logs.Entries), e => e.EventId == 2007 && e.Text.Contains(victimId, StringComparison.Ordinal));
        Console.WriteLine($"[membership] {provider}: kill to declared-dead (seen by both survivors) {elapsed.TotalMilliseconds:F0} ms");
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Without_probe_suspicions_a_stale_heartbeat_alone_declares_a_killed_silo_dead_in_time(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clusterId = NewClusterId();
        Action<MembershipOptions> noSuspicions = o => o.MissedProbesForSuspicion = 1_000;
        await using var a = await TestSiloNode.StartAsync(database, clusterId, "a", noSuspicions);
        await using var victim = await TestSiloNode.StartAsync(database, clusterId, "victim", noSuspicions);
        var victimId = victim.Id;
        await Wait.UntilAsync(() => a.Membership.Current.Find(victimId)?.Status == SiloStatus.Active, "a sees the victim Active");

        var stopwatch = Stopwatch.StartNew();
        await victim.KillAsync();
        await Wait.UntilAsync(() => a.Membership.Current.IsDead(victimId), "a declares the victim dead", TimeSpan.FromSeconds(15));
        var elapsed = stopwatch.Elapsed;

        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"declared dead after {elapsed}");
        Assert.Contains(a.Logs.Entries, e => e.EventId == 2007 && e.Text.Contains("no heartbeat", StringComparison.Ordinal));
        Console.WriteLine($"[membership] {provider}: kill to declared-dead by stale heartbeat only {elapsed.TotalMilliseconds:F0} ms");
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_silo_that_heartbeats_but_cannot_be_reached_is_voted_dead_and_fences_itself(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clusterId = NewClusterId();
        await using var a = await TestSiloNode.StartAsync(database, clusterId, "a");
        await using var b = await TestSiloNode.StartAsync(database, clusterId, "b");
        await using var unreachable = await TestSiloNode.StartAsync(database, clusterId, "unreachable");
        var unreachableId = unreachable.Id;
        await Wait.UntilAsync(() => a.Membership.Current.ActiveSilos.Count() == 3 && b.Membership.Current.ActiveSilos.Count() == 3, "all three are Active");

        await unreachable.StopListenerAsync();
        await Wait.UntilAsync(() => a.Membership.Current.IsDead(unreachableId) && b.Membership.Current.IsDead(unreachableId), "the unreachable silo is voted dead", TimeSpan.FromSeconds(15));
        await Wait.UntilAsync(() => unreachable.FencedCount > 0, "the unreachable silo fences itself", TimeSpan.FromSeconds(5));

        Assert.False(unreachable.Membership.IsServing);
        Assert.Contains(a.Logs.Entries.Concat(b.Logs.Entries), e => e.EventId == 2010 && e.Text.Contains(unreachableId, StringComparison.Ordinal));
        Assert.Contains(a.Logs.Entries.Concat(b.Logs.Entries), e => e.EventId == 2007 && e.Text.Contains("could not reach it", StringComparison.Ordinal));
        Assert.True(a.Membership.IsServing);
        Assert.True(b.Membership.IsServing);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_graceful_leave_goes_shutting_down_then_dead(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clusterId = NewClusterId();
        await using var observer = await TestSiloNode.StartAsync(database, clusterId, "observer");
        var leaver = await TestSiloNode.StartAsync(database, clusterId, "leaver");
        var leaverId = leaver.Id;
        await Wait.UntilAsync(() => observer.Membership.Current.Find(leaverId)?.Status == SiloStatus.Active, "the observer sees the leaver Active");

        await leaver.Service.BeginShutdownAsync();
        Assert.Equal(SiloStatus.ShuttingDown, leaver.Membership.LocalStatus);
        Assert.False(leaver.Membership.IsServing);
        await Wait.UntilAsync(() => observer.Membership.Current.Find(leaverId)?.Status == SiloStatus.ShuttingDown, "the observer sees ShuttingDown");

        // Draining happens here; the leaver keeps heartbeating, so nobody declares it dead meanwhile.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(SiloStatus.ShuttingDown, observer.Membership.Current.Find(leaverId)?.Status);

        await leaver.StopAsync();
        Assert.Equal(SiloStatus.Dead, leaver.Membership.LocalStatus);
        await Wait.UntilAsync(() => observer.Membership.Current.Find(leaverId)?.Status == SiloStatus.Dead, "the observer sees Dead");

        var statuses = observer.ChangedSnapshots.Select(s => s.Find(leaverId)?.Status ?? SiloStatus.None).Distinct().ToList();
        Assert.Equal([SiloStatus.Active, SiloStatus.ShuttingDown, SiloStatus.Dead], statuses.SkipWhile(s => s != SiloStatus.Active).ToList());
        Assert.Equal(0, leaver.FencedCount);
        Assert.True(observer.Membership.IsServing);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_silo_declared_dead_by_someone_else_fences_itself(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clusterId = NewClusterId();
        await using var silo = await TestSiloNode.StartAsync(database, clusterId, "victim");
        Assert.True(silo.Membership.IsServing);

        await using (var direct = database.BuildServices())
        {
            var table = new MembershipTable(direct.GetRequiredService<IClusterDatabase>(), clusterId, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            Assert.True(await table.DeclareDeadAsync(silo.Id, staleFor: null, CancellationToken.None));
        }

        await Wait.UntilAsync(() => silo.FencedCount > 0, "the silo fences itself", TimeSpan.FromSeconds(5));
        Assert.False(silo.Membership.IsServing);
        Assert.Equal(SiloStatus.Dead, silo.Membership.LocalStatus);
        Assert.True(silo.Lifetime.ApplicationStopping.IsCancellationRequested, "StopApplication was requested");
        Assert.Contains(silo.Logs.Entries, e => e.EventId == 2006 && e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, silo.FencedCount);
        Assert.False(silo.Membership.IsServing);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_silo_whose_heartbeats_fail_longer_than_the_lease_fences_itself_and_is_then_declared_dead(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clusterId = NewClusterId();
        await using var healthy = await TestSiloNode.StartAsync(database, clusterId, "healthy");
        await using var cut = await TestSiloNode.StartAsync(database, clusterId, "cut-off", flakyDatabase: true);
        var cutId = cut.Id;
        await Wait.UntilAsync(() => healthy.Membership.Current.Find(cutId)?.Status == SiloStatus.Active, "the healthy silo sees the other Active");
        Assert.True(cut.Membership.IsServing);

        var stopwatch = Stopwatch.StartNew();
        cut.Database!.Failing = true;
        await Wait.UntilAsync(() => !cut.Membership.IsServing, "the lease lapses", TimeSpan.FromSeconds(5));
        var notServingAfter = stopwatch.Elapsed;
        await Wait.UntilAsync(() => cut.FencedCount > 0, "the silo fences itself", TimeSpan.FromSeconds(5));
        var fencedAfter = stopwatch.Elapsed;

        Assert.True(notServingAfter <= TimeSpan.FromSeconds(2.6), $"still serving {notServingAfter} after the database went away (lease 2 s)");
        Assert.True(cut.Lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.Contains(cut.Logs.Entries, e => e.EventId == 2005);
        Assert.Contains(cut.Logs.Entries, e => e.EventId == 2006);

        // It no longer heartbeats, so the others declare it dead by its stale heartbeat.
        await Wait.UntilAsync(() => healthy.Membership.Current.IsDead(cutId), "the healthy silo declares it dead", TimeSpan.FromSeconds(10));
        Assert.Equal(1, cut.FencedCount);
        Assert.True(healthy.Membership.IsServing);
        Console.WriteLine($"[membership] {provider}: database outage -> not serving {notServingAfter.TotalMilliseconds:F0} ms, fenced {fencedAfter.TotalMilliseconds:F0} ms");
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Load_published_with_the_heartbeat_is_seen_by_other_silos(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clusterId = NewClusterId();
        await using var a = await TestSiloNode.StartAsync(database, clusterId, "a");
        await using var b = await TestSiloNode.StartAsync(database, clusterId, "b");
        await Wait.UntilAsync(() => b.Membership.Current.Find(a.Id)?.Status == SiloStatus.Active, "b sees a");

        var load = new SiloLoad(42, 7, 100, 2.5);
        var stopwatch = Stopwatch.StartNew();
        a.Load.Load = load;
        await Wait.UntilAsync(() => b.Membership.Current.Find(a.Id)?.Load == load, "b sees a's load", TimeSpan.FromSeconds(10));

        // Published with every heartbeat (0.5 s) and read with every refresh (0.5 s); loose bound for a loaded machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(8), $"the load took {stopwatch.Elapsed} to show");
        Assert.Equal(SiloLoad.Empty, b.Membership.Current.Find(b.Id)?.Load);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Malformed_rows_are_logged_and_survived_and_defunct_rows_are_deleted(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clusterId = NewClusterId();
        await using (var direct = database.BuildServices())
        {
            await direct.GetRequiredService<OrleansPlatform.Runtime.Database.Migrations.ISchemaMigrator>().MigrateAsync(CancellationToken.None);
            var db = direct.GetRequiredService<IClusterDatabase>();
            await using var connection = await db.OpenConnectionAsync(CancellationToken.None);
            var json = provider == TestDatabases.Postgres ? "CAST(@Json AS jsonb)" : "@Json";
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            const string insert =
                "INSERT INTO membership (cluster_id, silo_id, host, port, generation, silo_name, role, pid, status, started_at_ms, heartbeat_at_ms, suspicions, load) "
                + "VALUES (@ClusterId, @SiloId, '127.0.0.1', 1, 1, 'x', 'x', 1, @Status, @At, @At, {0}, {1})";
            var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, json.Replace("@Json", "@Suspicions", StringComparison.Ordinal), json.Replace("@Json", "@Load", StringComparison.Ordinal));

            // Wrong-shaped JSON (valid for jsonb), a bad silo id, an unknown status, and a defunct Dead row from two hours ago.
            await connection.ExecuteAsync(sql, new { ClusterId = clusterId, SiloId = "127.0.0.1:1@1", Status = 4, At = now, Suspicions = "{\"x\":1}", Load = "[1,2]" });
            await connection.ExecuteAsync(sql, new { ClusterId = clusterId, SiloId = "no-id-here", Status = 4, At = now, Suspicions = "[]", Load = "{}" });
            await connection.ExecuteAsync(sql, new { ClusterId = clusterId, SiloId = "127.0.0.1:2@1", Status = 9, At = now, Suspicions = "[]", Load = "{}" });
            await connection.ExecuteAsync(sql, new { ClusterId = clusterId, SiloId = "127.0.0.1:3@1", Status = 4, At = now - 7_200_000, Suspicions = "[]", Load = "{}" });
        }

        await using var silo = await TestSiloNode.StartAsync(database, clusterId, "survivor");
        await Wait.UntilAsync(() => silo.Membership.Current.Find("127.0.0.1:3@1") is null && silo.Membership.Current.Find(silo.Id)?.Status == SiloStatus.Active, "the defunct row is gone");

        var snapshot = silo.Membership.Current;
        var malformed = snapshot.Find("127.0.0.1:1@1");
        Assert.NotNull(malformed);
        Assert.Equal(SiloLoad.Empty, malformed.Load);
        Assert.Empty(malformed.SuspectedBy);
        Assert.Null(snapshot.Find("127.0.0.1:2@1"));
        Assert.Equal(2, snapshot.Silos.Length);
        Assert.True(silo.Membership.IsServing);
        Assert.Contains(silo.Logs.Entries, e => e.EventId == 2011 && e.Text.Contains("no-id-here", StringComparison.Ordinal));
        Assert.Contains(silo.Logs.Entries, e => e.EventId == 2011 && e.Text.Contains("unknown status 9", StringComparison.Ordinal));
        Assert.Contains(silo.Logs.Entries, e => e.EventId == 2018);
    }
}
