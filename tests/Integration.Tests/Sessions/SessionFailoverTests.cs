using Dapper;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.Integration.Tests.Sessions;

/// <summary>Sessions survive kill -9 of the silo that hosts them: rebuilt elsewhere from the record, counted as fail-overs.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionFailoverTests
{
    internal static SessionAction Act(string action, long seq, params (string Name, string Value)[] inputs) =>
        new(action, inputs.ToDictionary(i => i.Name, i => (string?)i.Value), seq);

    [Fact]
    public async Task Catalog_search_continues_on_another_silo_with_exactly_the_next_page_after_kill_9()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 2);
        var id = PlatformSilo.NewSessionId();
        var session = cluster.Client.GetGrain<ISessionGrain>(id);
        await session.Start("catalog-search");
        await session.Interact(Act("search", 1, ("keyword", "router")));
        var page2 = await session.Interact(Act("next", 2));
        Assert.Equal(2, page2.View.Data.GetProperty("page").GetInt32());

        var killed = await KillHostAsync(cluster, id);
        var page3 = await RetryAsync(() => session.Interact(Act("next", 3)));

        await using var connection = await cluster.OpenDatabaseAsync();
        var expected = (await connection.QueryAsync<long>("SELECT id FROM products WHERE lower(name) LIKE '%router%' ORDER BY id LIMIT 5 OFFSET 10")).ToArray();
        Assert.Equal((3, 3L), (page3.View.Data.GetProperty("page").GetInt32(), page3.Seq));
        Assert.Equal(expected, page3.View.Data.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray());
        Assert.NotEqual(killed, (await SessionActivity.StoredAsync(cluster, id))!.Value.Silo);
        // Counted by the silo that took over, written to the database within a second or so.
        await Eventually.ReturnsAsync(() => connection.ExecuteScalarAsync<long>("SELECT coalesce(max(count), 0) FROM session_events WHERE kind = 'fail-over'"), n => n >= 1);
        var statistics = await cluster.Client.GetGrain<ISessionStatisticsGrain>("any").Read();
        Assert.True(statistics.Cluster.GetValueOrDefault(SessionEventKind.FailOver) >= 1);
        Assert.Contains(await cluster.Client.GetGrain<IApplicationRegistryGrain>("default").List(), a => a.Id == "order-entry" && a.Enabled);
    }

    [Fact]
    public async Task An_order_entry_cart_survives_kill_9_of_its_silo_intact()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 2);
        var id = PlatformSilo.NewSessionId();
        var session = cluster.Client.GetGrain<ISessionGrain>(id);

        // order-entry needs a signed-in user; the session's owner must come back with it after the kill.
        using var caller = new SessionCaller("buyer", []).Enter();
        await session.Start("order-entry");
        await session.Interact(Act("add", 1, ("productId", "7"), ("quantity", "4")));
        await session.Interact(Act("add", 2, ("productId", "9"), ("quantity", "11")));

        await KillHostAsync(cluster, id);
        var review = await RetryAsync(() => session.Interact(Act("review", 3)));

        Assert.Equal("review", review.View.Step);
        var lines = review.View.Data.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("productId").GetInt64(), l.GetProperty("quantity").GetInt64())).ToList();
        Assert.Equal([(7L, 4L), (9L, 11L)], lines);
        await using var connection = await cluster.OpenDatabaseAsync();
        await Eventually.ReturnsAsync(() => connection.ExecuteScalarAsync<long>("SELECT coalesce(max(count), 0) FROM session_events WHERE kind = 'fail-over'"), n => n >= 1);
    }

    [Fact]
    public async Task A_write_behind_session_continues_from_its_backup_when_its_silo_dies_before_the_database_write()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 3, new Dictionary<string, string>
        {
            ["Sessions__WriteBehindApplications__0"] = "catalog-search",
            ["Sessions__WriteBehindDelay"] = "00:01:00",
        });
        var id = PlatformSilo.NewSessionId();
        var session = cluster.Client.GetGrain<ISessionGrain>(id);
        await session.Start("catalog-search");
        await session.Interact(Act("search", 1, ("keyword", "router")));
        var page2 = await session.Interact(Act("next", 2));
        Assert.Equal(2, page2.View.Data.GetProperty("page").GetInt32());

        // The database is behind: it has not seen interaction 2 (the write is a minute away).
        Assert.True(((await SessionActivity.StoredAsync(cluster, id))?.Seq ?? -1) < 2);
        var host = SessionActivity.LastSiloOf(cluster.Silos, id) ?? throw new InvalidOperationException("the session's activation was not logged");
        var victim = await cluster.ProcessOfAsync(host);
        victim.Kill();
        await cluster.WaitForDeadAsync(victim.Pid, TimeSpan.FromSeconds(30));

        var page3 = await RetryAsync(() => session.Interact(Act("next", 3)));

        await using var connection = await cluster.OpenDatabaseAsync();
        var expected = (await connection.QueryAsync<long>("SELECT id FROM products WHERE lower(name) LIKE '%router%' ORDER BY id LIMIT 5 OFFSET 10")).ToArray();
        Assert.Equal((3, 3L), (page3.View.Data.GetProperty("page").GetInt32(), page3.Seq));
        Assert.Equal(expected, page3.View.Data.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray());

        // Recovery wrote the backup's interaction 2 through to the database.
        Assert.True((await SessionActivity.StoredAsync(cluster, id))!.Value.Seq >= 2);
    }

    /// <summary>Kills (SIGKILL) the silo that last wrote the session's record; returns its silo id.</summary>
    internal static async Task<string> KillHostAsync(SiloCluster cluster, string sessionId)
    {
        var silo = (await SessionActivity.StoredAsync(cluster, sessionId))!.Value.Silo;
        var victim = await cluster.ProcessOfAsync(silo);
        victim.Kill();
        await cluster.WaitForDeadAsync(victim.Pid, TimeSpan.FromSeconds(30));
        return silo;
    }

    internal static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return await call().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception exception) when (DateTime.UtcNow < deadline && exception is not StaleSequenceException and not InvalidActionException)
            {
                await Task.Delay(200);
            }
        }
    }
}
