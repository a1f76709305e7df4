using System.Net;
using System.Text.Json;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Cli;

/// <summary>
/// The real <c>oplat</c> process against a real Gateway process: exit codes (0 done, 1 refused or unreachable, 2 bad
/// usage), one stderr line on failure, plain tables into a pipe, and the API's JSON with <c>--json</c>.
/// </summary>
public sealed class OplatCliTests(OplatFixture fixture) : IClassFixture<OplatFixture>
{
    private const string Escape = "\u001b";

    [Fact]
    public async Task Status_exits_0_with_a_plain_table_and_its_json_has_the_active_silos()
    {
        var table = await fixture.RunAsync("status");
        var json = await fixture.RunAsync("--json", "status");

        AssertSucceeded(table);
        Assert.Contains("embedded", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("catalog-search", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, table.Stdout, StringComparison.Ordinal);
        AssertSucceeded(json);
        Assert.Equal(1, json.Json().GetProperty("activeSilos").GetInt32());
        Assert.Equal("embedded", json.Json().GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Disabling_an_application_refuses_new_sessions_until_it_is_enabled_again()
    {
        using var http = fixture.Gateway.CreateClient();
        try
        {
            var disabled = await fixture.RunAsync("apps", "disable", "catalog-search");
            AssertSucceeded(disabled);
            Assert.Contains("catalog-search: disabled", disabled.Stdout, StringComparison.Ordinal);
            using (var refused = await http.PostAsync("/api/apps/catalog-search/sessions", null))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            }

            var enabled = await fixture.RunAsync("apps", "enable", "catalog-search");
            AssertSucceeded(enabled);
            Assert.Contains("catalog-search: enabled", enabled.Stdout, StringComparison.Ordinal);
            using var started = await http.PostAsync("/api/apps/catalog-search/sessions", null);
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }
        finally
        {
            await fixture.RunAsync("apps", "enable", "catalog-search");
        }
    }

    [Fact]
    public async Task A_graceful_disable_shows_the_application_draining_or_disabled()
    {
        try
        {
            var disabled = await fixture.RunAsync("apps", "disable", "order-entry", "--graceful");
            var list = await fixture.RunAsync("--json", "apps", "list");

            AssertSucceeded(disabled);
            Assert.Matches("order-entry: (draining|disabled)", disabled.Stdout);
            AssertSucceeded(list);
            var state = list.Json().EnumerateArray().Single(a => a.GetProperty("id").GetString() == "order-entry").GetProperty("state").GetString();
            Assert.Contains(state, new[] { "draining", "disabled" });
        }
        finally
        {
            await fixture.RunAsync("apps", "enable", "order-entry");
        }
    }

    [Fact]
    public async Task Unknown_application_is_refused_with_the_gateways_404()
    {
        var result = await fixture.RunAsync("apps", "enable", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("oplat: 404 Unknown application: There is no application 'nope'.", result.ErrorLine);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Caches_can_be_listed_and_cleared_everywhere_and_an_unknown_type_is_refused()
    {
        var stats = await fixture.RunAsync("--json", "caches", "stats");
        var cleared = await fixture.RunAsync("caches", "clear", "*");
        var reloaded = await fixture.RunAsync("--json", "caches", "reload", "*");
        var unknown = await fixture.RunAsync("caches", "clear", "no-such-cache");

        AssertSucceeded(stats);
        Assert.Single(stats.Json().EnumerateArray());
        AssertSucceeded(cleared);
        Assert.Contains("every cache: cleared on 1 silo(s)", cleared.Stdout, StringComparison.Ordinal);
        AssertSucceeded(reloaded);
        Assert.Equal("reload", reloaded.Json().GetProperty("operation").GetString());
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("oplat: 404 Unknown cache type", unknown.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_that_was_set_shows_in_config_get_and_can_be_unset()
    {
        try
        {
            var set = await fixture.RunAsync("config", "set", "Sessions:IdleTimeout", "00:10:00");
            var one = await fixture.RunAsync("config", "get", "Sessions:IdleTimeout");
            var all = await fixture.RunAsync("config", "get");
            var json = await fixture.RunAsync("--json", "config", "get", "sessions:idletimeout");

            AssertSucceeded(set);
            Assert.Contains("Sessions:IdleTimeout = 00:10:00 (cluster)", set.Stdout, StringComparison.Ordinal);
            AssertSucceeded(one);
            Assert.Contains("00:10:00", one.Stdout, StringComparison.Ordinal);
            AssertSucceeded(all);
            Assert.Matches(@"Sessions:IdleTimeout\s*\|\s*live\s*\|\s*00:20:00\s*\|\s*00:10:00", all.Stdout);
            AssertSucceeded(json);
            Assert.Equal("00:10:00", json.Json().GetProperty("cluster").GetString());
        }
        finally
        {
            var unset = await fixture.RunAsync("config", "unset", "Sessions:IdleTimeout");
            AssertSucceeded(unset);
        }

        var again = await fixture.RunAsync("--json", "config", "get", "Sessions:IdleTimeout");
        Assert.Equal(JsonValueKind.Null, again.Json().GetProperty("cluster").ValueKind);
    }

    [Fact]
    public async Task A_bad_setting_value_is_refused_with_one_line_naming_the_key()
    {
        var result = await fixture.RunAsync("config", "set", "Sessions:IdleTimeout", "banana");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("oplat: 400 ", result.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("Sessions:IdleTimeout", result.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("banana", result.ErrorLine, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task An_unknown_setting_key_is_refused()
    {
        var set = await fixture.RunAsync("config", "set", "No:Such:Key", "1");
        var get = await fixture.RunAsync("config", "get", "No:Such:Key");
        var unset = await fixture.RunAsync("config", "unset", "No:Such:Key", "--silo", "some-silo");

        Assert.Equal(1, set.ExitCode);
        Assert.StartsWith("oplat: 400 Unknown setting", set.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("No:Such:Key", set.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(1, get.ExitCode);
        Assert.Contains("No:Such:Key", get.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(1, unset.ExitCode);
        Assert.Contains("No:Such:Key", unset.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silos_are_listed_and_draining_the_only_silo_is_refused()
    {
        var list = await fixture.RunAsync("silos", "list");
        var json = await fixture.RunAsync("--json", "silos", "list");
        AssertSucceeded(list);
        AssertSucceeded(json);
        var silo = Assert.Single(json.Json().GetProperty("silos").EnumerateArray(), s => s.GetProperty("status").GetString() == "Active");
        var id = silo.GetProperty("id").GetString()!;
        Assert.Contains(id, list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, list.Stdout, StringComparison.Ordinal);

        var byId = await fixture.RunAsync("silos", "drain", id);
        var byName = await fixture.RunAsync("silos", "drain", silo.GetProperty("name").GetString()!);
        var unknown = await fixture.RunAsync("silos", "drain", "127.0.0.2:1@1");

        Assert.Equal(1, byId.ExitCode);
        Assert.StartsWith("oplat: 409 Last silo", byId.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(1, byName.ExitCode);
        Assert.StartsWith("oplat: 409 Last silo", byName.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("oplat: 404 Unknown silo", unknown.ErrorLine, StringComparison.Ordinal);
        AssertSucceeded(await fixture.RunAsync("status"));
    }

    [Fact]
    public async Task Config_diff_locks_and_sessions_answer()
    {
        var diff = await fixture.RunAsync("--json", "config", "diff");
        var locks = await fixture.RunAsync("--json", "locks");
        var sessions = await fixture.RunAsync("--json", "sessions");
        var sessionsTable = await fixture.RunAsync("sessions");

        AssertSucceeded(diff);
        Assert.Single(diff.Json().EnumerateArray());
        AssertSucceeded(locks);
        Assert.Equal(JsonValueKind.Array, locks.Json().ValueKind);
        AssertSucceeded(sessions);
        Assert.True(sessions.Json().GetProperty("byStatus").TryGetProperty("live", out _));
        AssertSucceeded(sessionsTable);
        Assert.Contains("records by status", sessionsTable.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apps", "enable")]
    [InlineData("frobnicate")]
    [InlineData("config", "set", "Sessions:IdleTimeout")]
    [InlineData("apps", "disable", "catalog-search", "--gracefully")]
    [InlineData("apps")]
    [InlineData("--url", "not a url", "status")]
    public async Task Bad_usage_exits_2_with_one_line(params string[] args)
    {
        var result = await fixture.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("oplat: ", result.ErrorLine, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_401()
    {
        var result = await fixture.RunWithAsync(new Dictionary<string, string> { ["OPLAT_PASSWORD"] = "not-the-password" }, ["status"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("oplat: 401 ", result.ErrorLine, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", result.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_comes_from_the_gateways_variable_or_from_data_admin_password()
    {
        using var runDirectory = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(runDirectory.Path, "data"));
        await File.WriteAllTextAsync(Path.Combine(runDirectory.Path, "data", "admin-password"), OplatFixture.Password);

        var fromGatewayVariable = await fixture.RunWithAsync(
            new Dictionary<string, string> { ["OPLAT_PASSWORD"] = string.Empty, ["ORLEANSPLATFORM_Admin__Password"] = OplatFixture.Password }, ["status"]);
        var fromFile = await fixture.RunWithAsync(new Dictionary<string, string> { ["OPLAT_PASSWORD"] = string.Empty }, ["status"], runDirectory.Path);
        var none = await fixture.RunWithAsync(new Dictionary<string, string> { ["OPLAT_PASSWORD"] = string.Empty }, ["status"]);

        AssertSucceeded(fromGatewayVariable);
        AssertSucceeded(fromFile);
        Assert.Equal(1, none.ExitCode);
        Assert.StartsWith("oplat: 401 ", none.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("OPLAT_PASSWORD", none.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_gateway_exits_1_saying_so()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await fixture.RunAsync("--url", url, "status");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"oplat: cannot reach {url} (connection refused)", result.ErrorLine);
        Assert.Empty(result.Stdout);
    }

    private static void AssertSucceeded(OplatResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.StderrLines);
    }
}
