using System.Text.Json;
using Dapper;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Sessions;

/// <summary>Sessions survive kill -9 of the silo that hosts them: rebuilt elsewhere from the record, counted as fail-overs.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionFailoverTests
{
    private static SessionAction Act(string action, long seq, params (string Name, string Value)[] inputs) =>
        new(action, inputs.ToDictionary(i => i.Name, i => (string?)i.Value), seq);

    [Fact]
    public async Task Catalog_search_continues_on_another_silo_with_exactly_the_next_page_after_kill_9()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, silos: 2);
        var id = Guid.NewGuid().ToString("N");
        var session = cluster.Client.GetGrain<ISessionGrain>(id);
        await session.Start("catalog-search");
        await session.Interact(Act("search", 1, ("keyword", "router")));
        var page2 = await session.Interact(Act("next", 2));
        Assert.Equal(2, page2.View.Data.GetProperty("page").GetInt32());

        await KillHostAsync(cluster, id);
        var page3 = await RetryAsync(() => session.Interact(Act("next", 3)));

        await using var connection = await cluster.OpenDatabaseAsync();
        var expected = (await connection.QueryAsync<long>("SELECT id FROM products WHERE lower(name) LIKE '%router%' ORDER BY id LIMIT 5 OFFSET 10")).ToArray();
        Assert.Equal((3, 3L), (page3.View.Data.GetProperty("page").GetInt32(), page3.Seq));
        Assert.Equal(expected, page3.View.Data.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray());
        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT count FROM session_events WHERE kind = 'fail-over'") >= 1);
        var statistics = await cluster.Client.GetGrain<ISessionStatisticsGrain>("any").Read();
        Assert.True(statistics.Cluster.GetValueOrDefault(SessionEventKind.FailOver) >= 1);
        Assert.Contains(await cluster.Client.GetGrain<IApplicationRegistryGrain>("default").List(), a => a.Id == "order-entry" && a.Enabled);
    }

    [Fact]
    public async Task An_order_entry_cart_survives_kill_9_of_its_silo_intact()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, silos: 2);
        var id = Guid.NewGuid().ToString("N");
        var session = cluster.Client.GetGrain<ISessionGrain>(id);
        await session.Start("order-entry");
        await session.Interact(Act("add", 1, ("productId", "7"), ("quantity", "4")));
        await session.Interact(Act("add", 2, ("productId", "9"), ("quantity", "11")));

        await KillHostAsync(cluster, id);
        var review = await RetryAsync(() => session.Interact(Act("review", 3)));

        Assert.Equal("review", review.View.Step);
        var lines = review.View.Data.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("productId").GetInt64(), l.GetProperty("quantity").GetInt64())).ToList();
        Assert.Equal([(7L, 4L), (9L, 11L)], lines);
        await using var connection = await cluster.OpenDatabaseAsync();
        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT count FROM session_events WHERE kind = 'fail-over'") >= 1);
    }

    /// <summary>Finds the silo that last wrote the session's record and kills it with SIGKILL.</summary>
    private static async Task KillHostAsync(SiloCluster cluster, string sessionId)
    {
        await using var connection = await cluster.OpenDatabaseAsync();
        var payload = await connection.QuerySingleAsync<string>(
            "SELECT payload::text FROM grain_state WHERE grain_type = 'session' AND grain_key = @Key AND state_name = 'session'", new { Key = sessionId });
        var siloId = JsonDocument.Parse(payload).RootElement.GetProperty("silo").GetString();
        var pid = (await cluster.ReadMembershipAsync()).Single(m => m.SiloId == siloId).Pid;
        var victim = cluster.Silos.Single(s => s.Pid == pid);
        victim.Kill();
        await cluster.WaitForDeadAsync(pid, TimeSpan.FromSeconds(30));
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (DateTime.UtcNow < deadline && exception is not StaleSequenceException and not InvalidActionException)
            {
                await Task.Delay(200);
            }
        }
    }
}
