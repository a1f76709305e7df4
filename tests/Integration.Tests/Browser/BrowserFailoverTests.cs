using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Playwright;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Browser;

/// <summary>A real headless Chromium using the pages while the silo serving its session is killed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BrowserFailoverTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Catalog_search_paging_survives_the_death_of_the_sessions_silo_in_a_real_browser()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is required at /usr/bin/chromium (./test.sh installs it).");
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 2);
        await using var gateway = await GatewayProcess.StartForClusterAsync(database, cluster);
        var expectedPage3 = await UninterruptedPage3Async(gateway);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000);

        await page.GotoAsync(gateway.BaseAddress + "apps/catalog-search");
        await page.GetByLabel("Keyword", new() { Exact = false }).FillAsync("router");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        Assert.Equal("2", await page.Locator("#pager-status").GetAttributeAsync("data-page"));

        var victim = await SiloOfBrowserSessionAsync(cluster, excludedSessionIds: [expectedPage3.SessionId]);
        victim.Kill();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

        Assert.Equal("3", await page.Locator("#pager-status").GetAttributeAsync("data-page"));
        var names = await page.Locator("table.items td[data-column=name]").AllInnerTextsAsync();
        Assert.Equal(expectedPage3.Names, names);
        Assert.Equal(0, await page.Locator(".error").CountAsync());
        var text = await page.InnerTextAsync("body");
        Assert.DoesNotContain("error", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unavailable", text, StringComparison.OrdinalIgnoreCase);

        var artifacts = Path.Combine(RepoPaths.Root, "artifacts", "browser");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "catalog-search-page3-after-failover.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 1000);
    }

    private static async Task<(string SessionId, IReadOnlyList<string> Names)> UninterruptedPage3Async(GatewayProcess gateway)
    {
        using var http = gateway.CreateClient();
        using var started = await http.PostAsync("/api/apps/catalog-search/sessions", null);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("sessionId").GetString()!;
        JsonElement view = default;
        long seq = 1;
        foreach (var (action, inputs) in new (string, object)[] { ("search", new { keyword = "router" }), ("next", new { }), ("next", new { }) })
        {
            using var response = await http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action, inputs, seq = seq++ });
            view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("view").Clone();
        }

        Assert.Equal(3, view.GetProperty("data").GetProperty("page").GetInt32());
        return (id, view.GetProperty("data").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList());
    }

    // The browser's session is the stored session that is not the API session; its record names its silo.
    private static async Task<PlatformProcess> SiloOfBrowserSessionAsync(SiloCluster cluster, string[] excludedSessionIds)
    {
        await using var connection = await cluster.OpenDatabaseAsync();
        var keys = (await connection.QueryAsync<string>("SELECT session_id FROM session_records")).ToList();
        var browserSession = Assert.Single(keys, key => !excludedSessionIds.Contains(key));
        return await cluster.ProcessOfAsync((await SessionActivity.StoredAsync(cluster, browserSession))!.Value.Silo);
    }
}
