using System.Net.Http.Json;
using Microsoft.Playwright;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Browser;

/// <summary>
/// A real headless Chromium signing in to the admin console of a two-silo cluster, opening every console page and the
/// Orleans Dashboard, and using the console's forms (disable gracefully, enable, change a setting); each page is saved
/// as a screenshot under artifacts/admin.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AdminConsoleBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task An_admin_signs_in_opens_every_console_page_and_the_dashboard_and_uses_the_forms()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is required at /usr/bin/chromium (./test.sh installs it).");
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 2, withClient: false);
        await using var gateway = await GatewayProcess.StartForClusterAsync(database, cluster, AdminApi.GatewaySettings());
        using (var http = gateway.CreateClient())
        {
            // order-entry needs a signed-in user.
            await TestUsers.AuthorizeAsync(http, database);
            for (var i = 0; i < 6; i++)
            {
                await SessionFlow.StartAtPageTwoAsync(http);
                (await http.PostAsync("/api/apps/order-entry/sessions", null)).EnsureSuccessStatusCode();
            }
        }

        var artifacts = Path.Combine(RepoPaths.Root, "artifacts", "admin");
        Directory.CreateDirectory(artifacts);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(60_000);

        // Sent to the sign-in page, and back to where it was going once signed in.
        await page.GotoAsync(gateway.BaseAddress + "admin/silos");
        Assert.EndsWith("/admin/sign-in", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Screenshot(page, artifacts, "sign-in");
        await page.GetByLabel("Password").FillAsync(AdminApi.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/silos");
        Assert.Equal(2, await page.Locator("table#silos tbody tr:has(td:text-is('Active'))").CountAsync());
        Assert.Equal(2, await page.Locator("table#silos button:text-is('Drain')").CountAsync());
        await Screenshot(page, artifacts, "silos");

        // The Silos table fits a 1280 × 800 window, every column is labelled, each silo is named "silo-N (host:port)"
        // and links to its page on the Orleans Dashboard, and the page says what its activations count.
        await page.SetViewportSizeAsync(1280, 800);
        await page.ReloadAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.querySelector('table#silos').scrollWidth, document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[2] && widths[1] <= widths[2], $"the Silos table is {widths[0]} px wide (page {widths[1]} px) in a {widths[2]} px window");
        var headers = await page.Locator("table#silos thead th").AllInnerTextsAsync();
        Assert.All(headers, h => Assert.False(string.IsNullOrWhiteSpace(h), "an unlabelled column: " + string.Join(" | ", headers)));
        var names = await page.Locator("table#silos tbody td:first-child a").AllInnerTextsAsync();
        Assert.Equal(2, names.Count);
        Assert.All(names, n => Assert.Matches(@"^silo-[12] \(127\.0\.0\.1:\d+\)$", n));
        Assert.All(await page.Locator("table#silos tbody td:first-child a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"),
            href => Assert.Matches(@"^/dashboard/#/host/127\.0\.0\.1:\d+@\d+$", href));
        Assert.Contains("Total Activations", await page.Locator("#activations-note").InnerTextAsync(), StringComparison.Ordinal);

        foreach (var (path, title, marker) in new[]
        {
            ("admin", "Overview", "#active-silos"),
            ("admin/apps", "Applications", "table#applications"),
            ("admin/caches", "Caches", "table#caches"),
            ("admin/config", "Configuration", "table#settings"),
            ("admin/locks", "Locks", "main"),
            ("admin/sessions", "Sessions", "table#events"),
        })
        {
            await page.GotoAsync(gateway.BaseAddress + path);
            Assert.Equal(title, await page.Locator("main h1").InnerTextAsync());
            Assert.True(await page.Locator(marker).CountAsync() > 0, $"{path} has no {marker}");
            Assert.True(await page.Locator("svg[role=img]").CountAsync() > 0 || path is "admin/config" or "admin/locks", $"{path} has no chart");
            await Screenshot(page, artifacts, path == "admin" ? "overview" : path["admin/".Length..]);
        }

        // Applications and Sessions name the silos as the Silos page does, never by their parsable ids.
        await page.GotoAsync(gateway.BaseAddress + "admin/apps");
        var bySilo = await page.Locator("tr[data-app='catalog-search'] td:nth-child(5)").InnerTextAsync();
        Assert.Matches(@"silo-[12] \(127\.0\.0\.1:\d+\): \d+", bySilo);
        Assert.DoesNotContain("@", bySilo, StringComparison.Ordinal);
        await page.GotoAsync(gateway.BaseAddress + "admin/sessions");
        var eventSilos = await page.Locator("table#events tbody td:nth-child(5)").AllInnerTextsAsync();
        Assert.NotEmpty(eventSilos);
        Assert.All(eventSilos, s => Assert.Matches(@"^silo-[12] \(127\.0\.0\.1:\d+\)$", s));

        await page.GotoAsync(gateway.BaseAddress + "admin");
        Assert.Equal("2", (await page.Locator("#active-silos b").InnerTextAsync()).Trim(), StringComparer.Ordinal);

        // The forms: disable order-entry gracefully (its six live sessions keep it draining), then enable it again.
        await page.GotoAsync(gateway.BaseAddress + "admin/apps");
        var orderEntry = page.Locator("tr[data-app='order-entry']");
        await orderEntry.GetByRole(AriaRole.Button, new() { Name = "Disable gracefully" }).ClickAsync();
        Assert.Contains("draining", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("draining", await orderEntry.Locator("td.state").InnerTextAsync());
        await Screenshot(page, artifacts, "apps-draining");
        await orderEntry.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        Assert.Equal("enabled", await page.Locator("tr[data-app='order-entry'] td.state").InnerTextAsync());

        // A setting through the form: a bad value is refused on the page, a good one is stored and shown.
        await page.GotoAsync(gateway.BaseAddress + "admin/config");
        var idle = page.Locator("tr[data-key='Sessions:IdleTimeout']");
        await idle.GetByLabel("New value of Sessions:IdleTimeout").FillAsync("later");
        await idle.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Contains("Sessions:IdleTimeout", await page.Locator(".error").InnerTextAsync(), StringComparison.Ordinal);
        idle = page.Locator("tr[data-key='Sessions:IdleTimeout']");
        await idle.GetByLabel("New value of Sessions:IdleTimeout").FillAsync("00:30:00");
        await idle.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Contains("Applied live", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("00:30:00", (await page.Locator("tr[data-key='Sessions:IdleTimeout'] td.cluster-value code").InnerTextAsync()).Trim());
        await Screenshot(page, artifacts, "config");

        // The Orleans Dashboard, on the same sign-in: its script renders the silos it reads from the cluster.
        await page.GotoAsync(gateway.BaseAddress + "dashboard/");
        await page.Locator("#menu a").First.WaitForAsync();
        await page.WaitForFunctionAsync("() => document.body.innerText.includes('silo-1') || document.body.innerText.includes('Silos')");
        Assert.Equal(0, await page.Locator("#error-message-content:visible:has-text('error')").CountAsync());
        await Screenshot(page, artifacts, "dashboard");

        // Signed out, the console is closed again.
        await page.GotoAsync(gateway.BaseAddress + "admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync(gateway.BaseAddress + "admin/apps");
        Assert.EndsWith("/admin/sign-in", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    private static async Task Screenshot(IPage page, string folder, string name)
    {
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty");
    }
}
