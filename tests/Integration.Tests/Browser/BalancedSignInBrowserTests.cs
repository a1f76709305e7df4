using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Microsoft.Playwright;
using Npgsql;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Browser;

/// <summary>
/// <c>./run.sh --silos 3 --gateways 2 --postgres ...</c> in a real headless Chromium: a user signs in through HAProxy and
/// fills an order-entry cart; the Gateway that served the last page is killed with kill -9; the user goes on with the
/// next click (served by the other Gateway, with the same sign-in and session cookies, no new sign-in) and places the
/// order, which carries the user's name.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BalancedSignInBrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_signed_in_user_goes_on_through_the_balancer_after_the_Gateway_that_served_the_last_page_is_killed()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is required at /usr/bin/chromium (./test.sh installs it).");
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await RunShCluster.StartAsync(database.ConnectionString, silos: 3, flags: ["--gateways", "2", "--no-standby"]);
        var resources = await Eventually.ReturnsAsync(
            cluster.ResourcesAsync,
            r => new[] { "gateway-1", "gateway-2", "haproxy" }.All(id => r.TryGetValue(id, out var x) && x.State == "healthy"),
            TimeSpan.FromSeconds(120));
        var buyer = await TestUsers.AddAsync(database);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000);

        // HAProxy names the Gateway behind every answer (X-Gateway); the last document's is the one to kill.
        var servedBy = new ConcurrentQueue<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Headers.TryGetValue("x-gateway", out var gateway))
            {
                servedBy.Enqueue(gateway);
            }
        };

        await page.GotoAsync(cluster.Http.BaseAddress + "apps/order-entry");
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("User name").FillAsync(buyer);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }));
        Assert.Equal("/apps/order-entry", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("Keyword", new() { Exact = true }).FillAsync("cable");
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }));
        await PageNavigation.SubmitAsync(page, page.Locator("table.items tbody tr").Nth(0).GetByRole(AriaRole.Button, new() { Name = "Add to cart" }));
        Assert.Equal("1", await page.Locator("dd[data-field=cartLines]").InnerTextAsync());

        var last = servedBy.Last();
        var victim = resources[last];
        Process.GetProcessById(victim.Pid).Kill();
        output.WriteLine($"killed {last} (pid {victim.Pid}), which served the last of {servedBy.Count} pages");
        var before = servedBy.Count;

        // The next click: no sign-in page, the same cart, from the other Gateway.
        await PageNavigation.SubmitAsync(page, page.Locator("table.items tbody tr").Nth(1).GetByRole(AriaRole.Button, new() { Name = "Add to cart" }));
        Assert.Equal("/apps/order-entry", new Uri(page.Url).AbsolutePath);
        Assert.Equal("2", await page.Locator("dd[data-field=cartLines]").InnerTextAsync());
        Assert.All(servedBy.Skip(before), gateway => Assert.NotEqual(last, gateway));

        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Review cart" }));
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Place order" }));
        Assert.Equal("Order placed", await page.Locator("h1").InnerTextAsync());
        var orderId = long.Parse(await page.Locator("dd[data-field=orderId]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        Assert.Equal(buyer, await connection.QuerySingleAsync<string>("SELECT user_name FROM orders WHERE id = @Id", new { Id = orderId }));
    }
}
