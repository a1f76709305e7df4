using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Data;
using Xunit.Abstractions;

namespace OrleansPlatform.Workflows.Tests.Applications;

/// <summary>
/// A product change on one silo reaches the cached search results and products of every silo before the change
/// returns: the next page any session renders, on any silo, shows it.
/// </summary>
public sealed class CatalogInvalidationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_rename_on_one_silo_shows_on_the_next_page_render_of_sessions_on_every_silo()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var cluster = await PlatformTestCluster.StartAsync(database, 2);
        var sessions = await SessionsOnEverySiloAsync(cluster);
        var (first, name) = FirstItem(await sessions[0].GetView());
        Assert.All(await Task.WhenAll(sessions.Select(s => s.GetView())), view => Assert.Equal((first, name), FirstItem(view)));

        var renaming = Stopwatch.StartNew();
        var renamed = await cluster.GrainFactory(1).GetGrain<ICatalogAdminGrain>("test").Update(first, new ProductChange("Renamed Router 1", null, null, null));
        Assert.Equal("Renamed Router 1", renamed!.Name);

        // No waiting: the change was invalidated everywhere before Update returned.
        var views = await Task.WhenAll(sessions.Select(s => s.GetView()));
        output.WriteLine($"rename and the next render on {sessions.Count} silos: {renaming.ElapsedMilliseconds} ms");
        Assert.All(views, view => Assert.Equal((first, "Renamed Router 1"), FirstItem(view)));

        // Turning pages back and forth shows it too, and a new search for the new name finds it on every silo.
        foreach (var session in sessions)
        {
            var reply = await session.Interact(new SessionAction("next", new Dictionary<string, string?>(), 3));
            reply = await session.Interact(new SessionAction("prev", new Dictionary<string, string?>(), 4));
            Assert.Equal((first, "Renamed Router 1"), FirstItem(reply));
        }
    }

    private static (long Id, string Name) FirstItem(SessionReply reply)
    {
        var item = reply.View.Data.GetProperty("items")[0];
        return (item.GetProperty("id").GetInt64(), item.GetProperty("name").GetString()!);
    }

    // Sessions at page 1 of "router" until each silo hosts one (placement spreads them by load).
    private static async Task<IReadOnlyList<ISessionGrain>> SessionsOnEverySiloAsync(PlatformTestCluster cluster)
    {
        var bySilo = new Dictionary<string, ISessionGrain>(StringComparer.Ordinal);
        var database = cluster.Service<IClusterDatabase>(0);
        for (var attempt = 0; attempt < 40 && bySilo.Count < cluster.Silos.Count; attempt++)
        {
            var id = PlatformSilo.NewSessionId();
            var session = cluster.GrainFactory(0).GetGrain<ISessionGrain>(id);
            await session.Start("catalog-search");
            await session.Interact(new SessionAction("search", new Dictionary<string, string?> { ["keyword"] = "router" }, 1));
            await session.Interact(new SessionAction("next", new Dictionary<string, string?>(), 2));
            var back = await session.Interact(new SessionAction("prev", new Dictionary<string, string?>(), 3));
            Assert.Equal(1, back.View.Data.GetProperty("page").GetInt32());
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
            var silo = await connection.QuerySingleAsync<string>("SELECT silo FROM session_records WHERE session_id = @Id", new { Id = id });
            bySilo.TryAdd(silo, session);
        }

        Assert.Equal(cluster.Silos.Count, bySilo.Count);
        return [.. bySilo.Values];
    }
}
