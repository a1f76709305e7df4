using System.Collections.Concurrent;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using static OrleansPlatform.Integration.Tests.Sessions.SessionFailoverTests;

namespace OrleansPlatform.Integration.Tests.Sessions;

/// <summary>
/// Sessions under continuous interaction while the silo hosting most of them is frozen (SIGSTOP until declared dead,
/// then SIGCONT) or killed. From the silos' own activation logs: no session is ever active on two silos at once; from
/// the replies and the database: no acknowledged interaction is lost.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionSingleActivationTests
{
    private const int SessionCount = 12;

    [Theory]
    [InlineData("freeze")]
    [InlineData("kill")]
    public async Task No_session_is_ever_active_on_two_silos_and_no_acknowledged_interaction_is_lost(string fault)
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 3, new Dictionary<string, string>
        {
            ["Logging__LogLevel__OrleansPlatform.Grains.Sessions.SessionGrain"] = "Debug",
        });
        var ids = Enumerable.Range(0, SessionCount).Select(_ => PlatformSilo.NewSessionId()).ToList();
        foreach (var id in ids)
        {
            await cluster.Client.GetGrain<ISessionGrain>(id).Start("catalog-search");
            await cluster.Client.GetGrain<ISessionGrain>(id).Interact(Act("search", 1, ("keyword", "router")));
        }

        var acknowledged = new ConcurrentDictionary<string, long>(ids.ToDictionary(id => id, _ => 1L));
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(ids.Select(id => Task.Run(() => InteractAsync(cluster, id, acknowledged, stop.Token))));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var hosts = new List<string>();
        foreach (var id in ids)
        {
            hosts.Add((await SessionActivity.StoredAsync(cluster, id))!.Value.Silo);
        }

        var victimId = hosts.GroupBy(h => h).OrderByDescending(g => g.Count()).First().Key;
        var victim = await cluster.ProcessOfAsync(victimId);
        var faultAt = DateTimeOffset.UtcNow;
        DateTimeOffset? resumedAt = null;
        if (fault == "freeze")
        {
            victim.Signal(19);
            await cluster.WaitForDeadAsync(victim.Pid, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(2));
            resumedAt = DateTimeOffset.UtcNow;
            victim.Signal(18);
            Assert.NotEqual(0, await victim.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
        else
        {
            victim.Kill();
            await cluster.WaitForDeadAsync(victim.Pid, TimeSpan.FromSeconds(30));
        }

        // Every session, the moved ones included, goes on being served.
        var before = new Dictionary<string, long>(acknowledged);
        await Eventually.ReturnsAsync(() => Task.FromResult(ids.Count(id => acknowledged[id] >= before[id] + 3)), served => served == SessionCount, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await load;

        // No acknowledged interaction is lost: each record holds at least the last seq a caller was told succeeded.
        foreach (var id in ids)
        {
            var stored = (await SessionActivity.StoredAsync(cluster, id))!.Value;
            Assert.True(stored.Seq >= acknowledged[id], $"session {id}: acknowledged seq {acknowledged[id]}, stored {stored.Seq}");
        }

        var events = SessionActivity.Events(cluster.Silos);
        var moved = 0;
        foreach (var id in ids)
        {
            var mine = events.Where(e => e.SessionId == id).ToList();
            var intervals = Intervals(mine, victimId, faultAt);
            moved += intervals.Select(i => i.Silo).Distinct().Count() > 1 ? 1 : 0;
            for (var i = 0; i < intervals.Count; i++)
            {
                for (var j = i + 1; j < intervals.Count; j++)
                {
                    var (a, b) = (intervals[i], intervals[j]);
                    Assert.False(
                        a.Silo != b.Silo && a.From < b.To && b.From < a.To,
                        $"session {id} was active on {a.Silo} ({a.From:O}..{a.To:O}) and on {b.Silo} ({b.From:O}..{b.To:O}) at once");
                }
            }

            // No interaction is applied twice: the frozen silo, once resumed, is no member and its stale writes are
            // fenced, so every seq is applied on one silo only.
            foreach (var applied in mine.Where(e => e.Kind == "applied").GroupBy(e => e.Seq))
            {
                var silos = applied.Select(e => e.Silo).Distinct().ToList();
                Assert.True(silos.Count == 1, $"session {id}: seq {applied.Key} was applied on {string.Join(" and ", silos)}");
            }

            // The frozen silo's log after the resume may hold at most the interaction whose write landed just before the
            // freeze (the line is written after the write returns, so the freeze can fall between them), never more.
            if (resumedAt is { } resumed)
            {
                var late = mine.Where(e => e.Kind == "applied" && e.Silo == victimId && e.At >= resumed).ToList();
                Assert.True(late.Count <= 1, $"session {id}: the resumed silo applied seqs {string.Join(", ", late.Select(e => e.Seq))}");
            }
        }

        Assert.True(moved >= 1, "no session moved off the faulted silo");
    }

    // Activation intervals per silo; an activation on the faulted silo ends at the fault at the latest (frozen or dead: it
    // acts no more; for the frozen one, the applied-interaction check verifies that it did nothing after it resumed, when
    // it may still log its deactivation on the way out).
    private static List<(string Silo, DateTimeOffset From, DateTimeOffset To)> Intervals(List<SessionActivity.Event> events, string faulted, DateTimeOffset faultAt)
    {
        var intervals = new List<(string, DateTimeOffset, DateTimeOffset)>();
        var open = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Kind == "activated")
            {
                open[e.Silo] = e.At;
            }
            else if (e.Kind == "deactivated" && open.Remove(e.Silo, out var from))
            {
                intervals.Add((e.Silo, from, e.Silo == faulted && e.At > faultAt ? faultAt : e.At));
            }
        }

        foreach (var (silo, from) in open)
        {
            intervals.Add((silo, from, silo == faulted ? faultAt : DateTimeOffset.MaxValue));
        }

        return intervals;
    }

    // Pages next/prev forever, as a browser would through the Gateway: the same seq again after a failure.
    private static async Task InteractAsync(SiloCluster cluster, string id, ConcurrentDictionary<string, long> acknowledged, CancellationToken stop)
    {
        var session = cluster.Client.GetGrain<ISessionGrain>(id);
        var seq = 2L;
        while (!stop.IsCancellationRequested)
        {
            var action = seq % 4 is 0 or 1 ? "next" : "prev";
            try
            {
                var reply = await session.Interact(Act(action, seq)).WaitAsync(TimeSpan.FromSeconds(3), stop);
                Assert.Equal(seq, reply.Seq);
                acknowledged[id] = seq;
                seq++;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is OrleansMessageRejectionException or TimeoutException or SessionConflictException)
            {
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }
}
