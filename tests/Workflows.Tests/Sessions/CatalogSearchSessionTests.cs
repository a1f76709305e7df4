using System.Text.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Applications.CatalogSearch;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Pools;
using OrleansPlatform.Workflows.References;
using OrleansPlatform.Workflows.Views;
using Xunit.Abstractions;
using static OrleansPlatform.Workflows.Tests.Sessions.SessionAssertions;

namespace OrleansPlatform.Workflows.Tests.Sessions;

public sealed class CatalogSearchSessionTests(TestDatabaseFixture databases, ITestOutputHelper output) : IClassFixture<TestDatabaseFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_router_then_pages_two_and_three_show_the_right_items(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database);
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId());
        var routers = Matching("router");
        Assert.True(routers.Count >= 40, $"only {routers.Count} routers seeded");

        var first = await session.Start(CatalogSearchApplication.Id);
        Assert.Equal(("search", 0L, SessionStatus.Active), (first.View.Step, first.Seq, first.Status));
        Assert.Equal(["search"], first.View.Actions.Select(a => a.Name));
        Assert.Equal(new ViewInput("keyword", "text", true, "Keyword") { MaxLength = InputField.DefaultMaxLength, Help = "Part of a product name, for example router or cable." }, first.View.Actions[0].Inputs[0]);

        var page1 = await session.Interact(Act("search", 1, ("keyword", "Router")));
        Assert.Equal("results", page1.View.Step);
        Assert.Equal(routers.Count, page1.View.Data.GetProperty("total").GetInt64());
        Assert.Equal(5, page1.View.Data.GetProperty("pageSize").GetInt32());
        Assert.Equal(routers.Take(5).Select(p => p.Id), ItemIds(page1));

        var page2 = await session.Interact(Act("next", 2));
        Assert.Equal(2, page2.View.Data.GetProperty("page").GetInt32());
        Assert.Equal(routers.Skip(5).Take(5).Select(p => p.Id), ItemIds(page2));

        var page3 = await session.Interact(Act("next", 3));
        Assert.Equal((3, 3L), (page3.View.Data.GetProperty("page").GetInt32(), page3.Seq));
        Assert.Equal(routers.Skip(10).Take(5).Select(p => p.Id), ItemIds(page3));
        Assert.Equal(routers.Skip(10).Take(5).Select(p => p.Name), page3.View.Data.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));

        var back = await session.Interact(Act("prev", 4));
        Assert.Equal(routers.Skip(5).Take(5).Select(p => p.Id), ItemIds(back));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_re_prompt_keeps_the_keyword_the_pager_says_what_is_disabled_and_a_product_opens_and_goes_back(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database);
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId());
        var first = await session.Start(CatalogSearchApplication.Id);
        Assert.Empty(first.View.Data.EnumerateObject());
        Assert.Null(first.View.Notice);
        Assert.Equal("Search", first.View.Actions[0].Label);

        // No match: the search form again, the keyword in its field and the notice saying why (not a data field).
        var retry = await session.Interact(Act("search", 1, ("keyword", "no-such-thing")));
        Assert.Equal("search", retry.View.Step);
        Assert.Equal("no-such-thing", retry.View.Actions[0].Inputs[0].Value);
        Assert.Equal("No products match 'no-such-thing'. Try another keyword.", retry.View.Notice);
        Assert.Empty(retry.View.Data.EnumerateObject());

        var page1 = await session.Interact(Act("search", 2, ("keyword", "router")));
        Assert.Equal(["prev", "next", "details", "search"], page1.View.Actions.Select(a => a.Name));
        Assert.Equal(["Previous", "Next", "Details", "Search"], page1.View.Actions.Select(a => a.Label));
        Assert.Equal([true, false], page1.View.Actions.Take(2).Select(a => a.Disabled));
        Assert.Equal("items", page1.View.Actions.Single(a => a.Name == "details").Rows);
        Assert.Equal("money:EUR", page1.View.Formats!["price"]);
        Assert.Equal("router", page1.View.Actions.Single(a => a.Name == "search").Inputs[0].Value);

        // Previous on page 1 is shown disabled but still answered: it stays on page 1 (clients of the JSON API rely on it).
        var stay = await session.Interact(Act("prev", 3));
        Assert.Equal(1, stay.View.Data.GetProperty("page").GetInt32());
        var page2 = await session.Interact(Act("next", 4));
        Assert.Equal([false, false], page2.View.Actions.Take(2).Select(a => a.Disabled));

        var item = page2.View.Data.GetProperty("items")[0];
        var details = await session.Interact(Act("details", 5, ("productId", item.GetProperty("id").GetRawText())));
        Assert.Equal(("product", "Product details"), (details.View.Step, details.View.Title));
        Assert.Equal(item.GetProperty("name").GetString(), details.View.Data.GetProperty("name").GetString());
        Assert.Equal(item.GetProperty("price").GetInt64(), details.View.Data.GetProperty("price").GetInt64());
        Assert.True(details.View.Data.GetProperty("description").GetString()!.Length > 100);
        Assert.True(details.View.Data.GetProperty("attributes").EnumerateObject().Any());

        var back = await session.Interact(Act("back", 6));
        Assert.Equal(("results", 2), (back.View.Step, back.View.Data.GetProperty("page").GetInt32()));
        var unknown = await Assert.ThrowsAsync<InvalidInputException>(() => session.Interact(Act("details", 7, ("productId", "999999999"))));
        Assert.Equal("Product names no product (999999999).", unknown.Errors!["productId"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_duplicated_interaction_is_applied_once_and_a_stale_one_is_refused(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database);
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId());
        await session.Start(CatalogSearchApplication.Id);
        await session.Interact(Act("search", 1, ("keyword", "router")));

        var once = await session.Interact(Act("next", 2));
        var again = await session.Interact(Act("next", 2));

        Assert.Equal(2, again.View.Data.GetProperty("page").GetInt32());
        Assert.Equal(2, again.Seq);
        Assert.Equal(ItemIds(once), ItemIds(again));
        var stale = await Assert.ThrowsAsync<StaleSequenceException>(() => session.Interact(Act("next", 5)));
        Assert.Equal(3, stale.ExpectedSeq);
        await Assert.ThrowsAsync<StaleSequenceException>(() => session.Interact(Act("next", 1)));
        await Assert.ThrowsAsync<InvalidActionException>(() => session.Interact(Act("place", 3)));
        var missing = await Assert.ThrowsAsync<InvalidInputException>(() => session.Interact(Act("search", 3)));
        Assert.Equal("keyword", missing.Field);
        Assert.Equal(2, (await session.GetView()).View.Data.GetProperty("page").GetInt32());
        await Assert.ThrowsAsync<SessionAlreadyStartedException>(() => session.Start(CatalogSearchApplication.Id));
        await Assert.ThrowsAsync<ApplicationNotFoundException>(() => silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId()).Start("no-such-app"));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId()).GetView());

        await session.End();
        await session.End();
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.GetView());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_expired_session_says_so_and_restart_begins_a_new_one(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database, fakeClock: true);
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId());
        await session.Start(CatalogSearchApplication.Id);
        await session.Interact(Act("search", 1, ("keyword", "router")));
        silo.Clock!.Advance(TimeSpan.FromMinutes(21));

        var expired = await session.GetView();

        Assert.Equal(SessionStatus.Expired, expired.Status);
        Assert.Equal(("session-expired", "Session expired"), (expired.View.Step, expired.View.Title));
        Assert.Equal(new[] { "restart" }, expired.View.Actions.Select(a => a.Name));
        Assert.Empty(expired.View.Actions[0].Inputs);
        Assert.Equal(SessionStatus.Expired, (await session.Interact(Act("next", 2))).Status);

        var restarted = await session.Interact(Act("restart", 2));
        Assert.Equal((SessionStatus.Active, "search", 0L), (restarted.Status, restarted.View.Step, restarted.Seq));
        await silo.Services.GetRequiredService<ISessionStatistics>().FlushAsync();
        var statistics = await silo.Services.GetRequiredService<ISessionStatistics>().ReadAsync();
        Assert.True(statistics.Local.GetValueOrDefault(SessionEventKind.TimeOut) >= 1);
        Assert.True(statistics.Cluster.GetValueOrDefault(SessionEventKind.TimeOut) >= 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_new_activation_rebuilds_from_the_record_and_shows_the_same_next_page(string provider)
    {
        var database = await databases.GetAsync(provider);
        var id = PlatformSilo.NewSessionId();
        var routers = Matching("router");
        await using (var first = await PlatformSilo.StartAsync(database))
        {
            var session = first.GrainFactory.GetGrain<ISessionGrain>(id);
            await session.Start(CatalogSearchApplication.Id);
            await session.Interact(Act("search", 1, ("keyword", "router")));
            await session.Interact(Act("next", 2));
        }

        // The first silo stopped (its activation deactivated); a new one activates from the record.
        await using var second = await PlatformSilo.StartAsync(database);
        var again = second.GrainFactory.GetGrain<ISessionGrain>(id);
        var view = await again.GetView();
        Assert.Equal((2, 2L), (view.View.Data.GetProperty("page").GetInt32(), view.Seq));
        Assert.Equal(routers.Skip(5).Take(5).Select(p => p.Id), ItemIds(view));
        var page3 = await again.Interact(Act("next", 3));
        Assert.Equal(routers.Skip(10).Take(5).Select(p => p.Id), ItemIds(page3));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_record_at_page_two_is_small_because_it_holds_logical_references(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database);
        var id = PlatformSilo.NewSessionId();
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(id);
        await session.Start(CatalogSearchApplication.Id);
        await session.Interact(Act("search", 1, ("keyword", "router")));
        await session.Interact(Act("next", 2));

        var record = await ReadRecordAsync(silo.Services, id);
        var canonical = Encoding.UTF8.GetByteCount(record);

        // The same record with its pools in full: the page's products instead of the page's reference.
        using var parsed = JsonDocument.Parse(record);
        var pools = await silo.Services.GetRequiredService<IPoolSerializer>().DecodeAsync(parsed.RootElement.GetProperty("p"), CancellationToken.None);
        var fullPools = new
        {
            application = pools.Application.ToDictionary(),
            composites = pools.Composites.Select(c => new { c.Step, c.CurrentStep, c.EnteredPort, values = c.Values.ToDictionary(kv => kv.Key, kv => kv.Value is QueryPage p ? new { p.Query, p.Argument, p.PageSize, p.PageNumber, p.Total, Items = p.Items.Cast<Product>().ToList() } : kv.Value) }),
            interactive = pools.Interactive.ToDictionary(),
        };
        var root = parsed.RootElement;
        var full = JsonSerializer.SerializeToUtf8Bytes(new { a = root.GetProperty("a"), v = root.GetProperty("v"), p = fullPools, i = root.GetProperty("i"), e = root.GetProperty("e"), s = root.GetProperty("s") }).Length;
        output.WriteLine($"{provider}: record {canonical} bytes (pools {Encoding.UTF8.GetByteCount(root.GetProperty("p").GetRawText())}); the same record with its pools in full {full} bytes ({(double)full / canonical:F1}x); record: {record}");

        Assert.Contains("[\"p\",\"products\",\"router\",5,2]", record, StringComparison.Ordinal);
        Assert.True(canonical <= 256, $"record is {canonical} bytes: {record}");
        Assert.True(full >= 20 * canonical, $"the record with its pools in full is only {full} bytes against {canonical}");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_record_over_the_size_limit_is_refused_naming_the_largest_entries(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database, new Dictionary<string, string?> { ["Sessions:MaxRecordBytes"] = "400" });
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId());
        await session.Start(CatalogSearchApplication.Id);

        var error = await Assert.ThrowsAsync<SessionRecordTooLargeException>(() => session.Interact(Act("search", 1, ("keyword", new string('x', 190)))));

        Assert.Contains("over the limit of 400 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("composite[catalog-search].keyword", error.Message, StringComparison.Ordinal);
        Assert.Equal(("search", 0L), ((await session.GetView()).View.Step, (await session.GetView()).Seq));
    }
}
