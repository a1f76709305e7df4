using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Applications.OrderEntry;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Views;
using static OrleansPlatform.Workflows.Tests.Sessions.SessionAssertions;

namespace OrleansPlatform.Workflows.Tests.Sessions;

public sealed class OrderEntrySessionTests(TestDatabaseFixture databases) : IClassFixture<TestDatabaseFixture>
{
    private const string Buyer = "buyer-1";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_orders_for_the_last_items_never_oversell(string provider)
    {
        // order-entry needs a signed-in user; the Gateway names the caller of every session call, as here.
        using var caller = new SessionCaller(Buyer, []).Enter();
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database);
        const long productId = 42;
        await using (var connection = await silo.Services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE products SET stock = 5 WHERE id = @Id", new { Id = productId });
        }

        var sessions = Enumerable.Range(0, 10).Select(_ => silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId())).ToList();
        foreach (var session in sessions)
        {
            await session.Start(OrderEntryApplication.Id);
            await session.Interact(Act("add", 1, ("productId", "42"), ("quantity", "1")));
            var review = await session.Interact(Act("review", 2));
            Assert.Equal(("review", 1), (review.View.Step, review.View.Data.GetProperty("lines").GetArrayLength()));
        }

        var replies = await Task.WhenAll(sessions.Select(s => s.Interact(Act("place", 3))));

        Assert.Equal(5, replies.Count(r => r.View.Step == "confirmation"));
        var refused = replies.Where(r => r.View.Step == "out-of-stock").ToList();
        Assert.Equal(5, refused.Count);
        Assert.All(refused, r => Assert.Contains("Not enough stock for '", r.View.Data.GetProperty("message").GetString(), StringComparison.Ordinal));
        Assert.All(refused, r => Assert.Equal("Not enough stock", r.View.Title));
        await using var check = await silo.Services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT stock FROM products WHERE id = @Id", new { Id = productId }));
        Assert.Equal(5, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM order_lines WHERE product_id = @Id", new { Id = productId }));

        // Every order names the signed-in user who placed it.
        var placedBy = await check.QueryAsync<string?>(
            "SELECT o.user_name FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE l.product_id = @Id", new { Id = productId });
        Assert.Equal(Enumerable.Repeat<string?>(Buyer, 5), placedBy);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_cart_survives_a_new_activation_and_bad_inputs_are_named(string provider)
    {
        using var caller = new SessionCaller(Buyer, []).Enter();
        var database = await databases.GetAsync(provider);
        var id = PlatformSilo.NewSessionId();
        await using (var first = await PlatformSilo.StartAsync(database))
        {
            var session = first.GrainFactory.GetGrain<ISessionGrain>(id);
            var browse = await session.Start(OrderEntryApplication.Id);
            Assert.Equal("browse", browse.View.Step);
            var search = await session.Interact(Act("search", 1, ("keyword", "router")));
            Assert.Equal(5, search.View.Data.GetProperty("results").GetProperty("items").GetArrayLength());
            await session.Interact(Act("add", 2, ("productId", "1"), ("quantity", "3")));
            await session.Interact(Act("add", 3, ("productId", "21"), ("quantity", "7")));
            var bad = await Assert.ThrowsAsync<InvalidInputException>(() => session.Interact(Act("add", 4, ("productId", "1"), ("quantity", "many"))));
            Assert.Equal("quantity", bad.Field);
            Assert.Contains("whole number", bad.Message, StringComparison.Ordinal);
        }

        await using var second = await PlatformSilo.StartAsync(database);
        var review = await second.GrainFactory.GetGrain<ISessionGrain>(id).Interact(Act("review", 4));
        var lines = review.View.Data.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("productId").GetInt64(), l.GetProperty("quantity").GetInt64())).ToList();
        Assert.Equal([(1L, 3L), (21L, 7L)], lines);
        Assert.Equal(new[] { "set-quantity", "remove", "place", "browse" }, review.View.Actions.Select(a => a.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cart_lines_are_changed_and_removed_and_the_confirmation_sums_up_the_order(string provider)
    {
        using var caller = new SessionCaller(Buyer, []).Enter();
        var database = await databases.GetAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database);
        var catalog = silo.Services.GetRequiredService<IProductCatalog>();
        var price = (await catalog.FindAsync(1, CancellationToken.None))!.Price;
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId());
        var browse = await session.Start(OrderEntryApplication.Id);
        var add = browse.View.Actions.Single(a => a.Name == "add");
        Assert.Equal(("Add to cart", "items"), (add.Label, add.Rows));
        Assert.Equal((1L, 1000L, "1"), (add.Inputs[1].Min!.Value, add.Inputs[1].Max!.Value, add.Inputs[1].Value));
        var tooMany = await Assert.ThrowsAsync<InvalidInputException>(() => session.Interact(Act("add", 1, ("productId", "1"), ("quantity", "1001"))));
        Assert.Equal("Quantity must be between 1 and 1000 (got 1001).", tooMany.Errors!["quantity"]);

        await session.Interact(Act("add", 1, ("productId", "1"), ("quantity", "3")));
        await session.Interact(Act("add", 2, ("productId", "21"), ("quantity", "7")));
        await session.Interact(Act("add", 3, ("productId", "33"))); // the quantity's default: 1
        var review = await session.Interact(Act("review", 4));
        Assert.Equal([(1L, 3L), (21L, 7L), (33L, 1L)], Lines(review));
        Assert.Equal(0L, review.View.Actions.Single(a => a.Name == "set-quantity").Inputs[1].Min);

        Assert.Equal([(1L, 5L), (21L, 7L), (33L, 1L)], Lines(await session.Interact(Act("set-quantity", 5, ("productId", "1"), ("quantity", "5")))));
        Assert.Equal([(1L, 5L), (33L, 1L)], Lines(await session.Interact(Act("remove", 6, ("productId", "21")))));
        var changed = await session.Interact(Act("set-quantity", 7, ("productId", "33"), ("quantity", "0")));
        Assert.Equal([(1L, 5L)], Lines(changed));
        Assert.Equal((5L, price * 5), (changed.View.Data.GetProperty("itemCount").GetInt64(), changed.View.Data.GetProperty("total").GetInt64()));

        var confirmation = await session.Interact(Act("place", 8));
        Assert.Equal("confirmation", confirmation.View.Step);
        var orderId = confirmation.View.Data.GetProperty("orderId").GetInt64();
        Assert.Equal([(1L, 5L)], Lines(confirmation));
        Assert.Equal(price * 5, confirmation.View.Data.GetProperty("total").GetInt64());
        Assert.Equal($"Thank you! Order {orderId} is placed: 5 item(s), {ViewFormats.FormatMoney(price * 5, "EUR")}.", confirmation.View.Notice);

        var again = await session.Interact(Act("new-order", 9));
        Assert.Equal(("browse", 0), (again.View.Step, again.View.Data.GetProperty("cartLines").GetInt32()));
    }

    private static List<(long ProductId, long Quantity)> Lines(SessionReply reply) =>
        reply.View.Data.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("productId").GetInt64(), l.GetProperty("quantity").GetInt64())).ToList();
}
