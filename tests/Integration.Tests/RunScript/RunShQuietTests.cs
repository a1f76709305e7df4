using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.RunScript;

/// <summary>
/// The Quick start's first command, <c>./run.sh</c> (embedded, SQLite), with its default logging, is quiet: from start
/// through a browser's session and an admin's sign-in and console use (each page several times, as the console's
/// auto-reload does), it prints where the admin password is and the URL, and nothing else: no build chatter, no routine
/// info lines, and no warning (data-protection keys, antiforgery headers, Orleans' watchdog) that a user would have to
/// learn to ignore; and nothing when it stops.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class RunShQuietTests(ITestOutputHelper output)
{
    private static readonly string[] s_consolePages = ["/admin/", "/admin/apps", "/admin/silos", "/admin/sessions", "/admin/config", "/admin/caches", "/admin/locks", "/dashboard/"];

    [Fact]
    public async Task Run_sh_prints_the_url_and_the_admin_password_file_and_nothing_else_through_start_and_use()
    {
        var port = FreePort.Next();
        await using var runSh = PlatformProcess.StartCommand("bash", [Path.Combine(RepoPaths.Root, "run.sh"), "--port", port.ToString(CultureInfo.InvariantCulture), "--no-build"], RepoPaths.Root);
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        await Eventually.ReturnsAsync(
            () => Task.FromResult(runSh.OutputLines.Any(l => l.Contains($"running at {url}", StringComparison.Ordinal))),
            up => up || runSh.HasExited,
            TimeSpan.FromSeconds(120));
        Assert.False(runSh.HasExited, $"run.sh exited with {runSh.ExitCode}:\n{runSh.StandardOutput}\n{runSh.StandardError}");

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };

        // A user: the home page, an application's page, and a session through the JSON API.
        Assert.Contains("/apps/catalog-search", await browser.GetStringAsync("/"), StringComparison.Ordinal);
        // order-entry needs a signed-in user: run.sh's demo user, whose password file it names.
        var demoPassword = (await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "data", "demo-password"))).Trim();
        await TestUsers.SignInAsync(browser, "demo", demoPassword, "/apps/order-entry");
        Assert.Contains("data-step=\"browse\"", await browser.GetStringAsync("/apps/order-entry"), StringComparison.Ordinal);
        using (var started = await browser.PostAsync("/api/apps/catalog-search/sessions", null))
        {
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString();
            using var searched = await browser.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "search", inputs = new { keyword = "router" }, seq = 1 });
            Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        }

        // An admin: the sign-in form, then every console page three times.
        var password = (await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "data", "admin-password"))).Trim();
        using (var signedIn = await AdminBrowser.SignInAsync(browser, password, "/admin/"))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            Assert.Equal("/admin/", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        }

        for (var round = 0; round < 3; round++)
        {
            foreach (var page in s_consolePages)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, page);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
                using var response = await browser.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            }
        }

        // Stopped as Ctrl-C would (SIGTERM; a hang guard only): everything it and its processes wrote is in, shutdown included.
        runSh.Signal(15);
        Assert.Equal(0, await runSh.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var printed = runSh.OutputLines.Concat(runSh.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        output.WriteLine($"run.sh printed {printed.Count} lines:\n{string.Join('\n', printed)}");
        Assert.Contains(printed, l => l.Contains($"OrleansPlatform is running at {url}", StringComparison.Ordinal));
        var unexpected = printed.Where(l => !ExpectedLine().IsMatch(l)).ToList();
        Assert.True(unexpected.Count == 0, "run.sh printed more than the URL and the admin password's file:\n" + string.Join('\n', unexpected));
    }

    // What run.sh may print: the URL, and where the admin and demo users' passwords are (and that the admin's was
    // generated, on a first run).
    [GeneratedRegex(@"^(OrleansPlatform is running at http://\S+ \(Ctrl-C to stop\)|run\.sh: generated an admin password \(user admin\) into \S+|run\.sh: admin console: user admin, password in \S+|run\.sh: order-entry sign-in: user demo, password in \S+)$")]
    private static partial Regex ExpectedLine();
}
