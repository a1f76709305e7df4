using Dapper;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Grains.Silos;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Locks;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Admin;

/// <summary>
/// Every admin action through the JSON API, against three silo processes on PostgreSQL and a Gateway in cluster mode:
/// application enable/disable (immediate mid-session, graceful with live sessions), caches per silo with cluster-wide
/// clear and reload, settings (validation, live application, per-silo overrides, restart-needed changes, drift of a silo
/// started with a local override), locks and session statistics.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AdminApiClusterTests(AdminClusterFixture fixture, ITestOutputHelper output) : IClassFixture<AdminClusterFixture>
{
    private AdminApi Admin => fixture.Admin;

    [Fact]
    public async Task Each_silo_is_labelled_name_and_short_address_and_its_activations_are_the_dashboards_count()
    {
        var silos = (await Admin.GetOkAsync("/admin/api/silos")).GetProperty("silos").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "Active").ToList();
        foreach (var silo in silos)
        {
            Assert.Equal($"{silo.GetProperty("name").GetString()} ({silo.GetProperty("address").GetString()})", silo.GetProperty("label").GetString());
            Assert.True(silo.GetProperty("runtimeActivations").GetInt32() > silo.GetProperty("activations").GetInt32(), "the runtime count adds system targets");
        }

        // The Dashboard's Total Activations sums its per-type statistics; per silo they must equal the console's figure. Both
        // are read moments apart (and the dashboard caches for a second), so the two are compared until they meet.
        await Eventually.ReturnsAsync(
            async () =>
            {
                var console = (await Admin.GetOkAsync("/admin/api/silos")).GetProperty("silos").EnumerateArray()
                    .Where(s => s.GetProperty("status").GetString() == "Active")
                    .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("activations").GetInt32());
                var dashboard = (await Admin.GetOkAsync("/dashboard/DashboardCounters")).GetProperty("simpleGrainStats").EnumerateArray()
                    .GroupBy(g => g.GetProperty("siloAddress").GetString()!)
                    .ToDictionary(g => g.Key, g => g.Sum(x => x.GetProperty("activationCount").GetInt32()));
                return (console, dashboard);
            },
            counts => counts.console.Count == 3 && counts.console.All(kv => counts.dashboard.GetValueOrDefault(kv.Key) == kv.Value),
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Status_and_silos_describe_the_running_cluster_with_its_membership_history_and_settings_drift()
    {
        var status = await Admin.GetOkAsync("/admin/api/status");
        Assert.Equal("cluster", status.GetProperty("mode").GetString());
        Assert.Equal(3, status.GetProperty("activeSilos").GetInt32());
        Assert.Equal(["catalog-search", "leave-request", "order-entry"], status.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("id").GetString()).Order());

        var silos = await Admin.GetOkAsync("/admin/api/silos");
        var active = silos.GetProperty("silos").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "Active").ToList();
        Assert.Equal(["silo-1", "silo-2", "silo-3"], active.Select(s => s.GetProperty("name").GetString()).Order());
        var members = await fixture.Cluster.ReadMembershipAsync();
        foreach (var silo in active)
        {
            var member = members.Single(m => m.SiloId == silo.GetProperty("id").GetString());
            Assert.Equal(member.Pid, silo.GetProperty("pid").GetInt32());
            Assert.True(silo.GetProperty("activations").GetInt32() > 0);
            Assert.True(silo.GetProperty("uptimeSeconds").GetDouble() > 0);
            Assert.True(silo.GetProperty("memoryBytes").GetInt64() > 0);
            Assert.False(string.IsNullOrEmpty(silo.GetProperty("version").GetString()));
            Assert.Matches("^[0-9a-f]{16}$", silo.GetProperty("configDigest").GetString());

            // silo-3 runs with its own Sessions:WriteBehindDelay: its digest is not the cluster's.
            var name = silo.GetProperty("name").GetString();
            Assert.Equal(name != "silo-3", silo.GetProperty("digestMatchesCluster").GetBoolean());
        }

        Assert.Equal(1, status.GetProperty("silosWithDrift").GetInt32());
        var joined = silos.GetProperty("history").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "joined").Select(e => e.GetProperty("siloName").GetString());
        Assert.Equal(["silo-1", "silo-2", "silo-3"], joined.Order());
    }

    [Fact]
    public async Task A_sign_in_an_anti_forgery_token_and_a_session_cookie_made_by_one_Gateway_are_accepted_by_the_other()
    {
        // One browser, two Gateways of the cluster (as behind a balancer): cookies for 127.0.0.1 go to both ports.
        var cookies = new CookieContainer();
        using var first = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = fixture.Gateway.BaseAddress };
        using var second = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = fixture.OtherGateway.BaseAddress };
        using (var signedIn = await AdminBrowser.SignInAsync(first, AdminApi.Password, "/admin/silos"))
        {
            Assert.Equal("/admin/silos", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        }

        // The other Gateway reads the sign-in cookie (no redirect to its sign-in page) and a form token the first one issued.
        Assert.Contains("silo-1", await AdminBrowser.GetPageAsync(second, "/admin/silos"), StringComparison.Ordinal);
        var console = await AdminBrowser.GetPageAsync(first, "/admin");
        using (var signOut = await second.PostAsync("/admin/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AdminBrowser.AntiforgeryTokenIn(console) })))
        {
            Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
            Assert.Equal("/admin/sign-in", signOut.RequestMessage!.RequestUri!.AbsolutePath);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/admin/apps"))
        {
            request.Headers.Accept.ParseAdd("text/html");
            using var afterSignOut = await first.SendAsync(request);
            Assert.Equal("/admin/sign-in", afterSignOut.RequestMessage!.RequestUri!.AbsolutePath);
        }

        // A session started through one Gateway's pages goes on through the other: its protected cookie is read, not replaced.
        Assert.Contains("data-step=\"search\"", await first.GetStringAsync("/apps/catalog-search"), StringComparison.Ordinal);
        var sessionCookie = cookies.GetCookies(fixture.Gateway.BaseAddress)["op_session_catalog-search"]!.Value;
        using (var page = await second.GetAsync("/apps/catalog-search"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.False(page.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("op_session_catalog-search=", StringComparison.Ordinal)), "the other Gateway started a new session");
        }

        Assert.Equal(sessionCookie, cookies.GetCookies(fixture.OtherGateway.BaseAddress)["op_session_catalog-search"]!.Value);
    }

    [Fact]
    public async Task Disabling_immediately_refuses_new_sessions_and_running_ones_at_once_and_enabling_brings_them_back_with_nothing_lost()
    {
        using var http = fixture.Gateway.CreateClient();
        using var other = fixture.OtherGateway.CreateClient();
        var running = await SessionFlow.StartAtPageTwoAsync(http);

        var disabling = Stopwatch.StartNew();
        var (status, disabled) = await Admin.PostAsync("/admin/api/apps/catalog-search/disable", new { mode = "immediate" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("disabled", disabled.GetProperty("state").GetString());

        // The disable call answers once every silo has the change, so the very next request is refused: new sessions
        // and the running one alike.
        using var refused = await http.PostAsync("/api/apps/catalog-search/sessions", null);
        output.WriteLine($"disable call and the refused start took {disabling.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        using (var refusedElsewhere = await other.PostAsync("/api/apps/catalog-search/sessions", null))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedElsewhere.StatusCode);
        }

        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application-disabled", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString(), StringComparison.Ordinal);
        using (var interaction = await http.PostAsJsonAsync($"/api/sessions/{running}/actions", new { action = "next", seq = 3 }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, interaction.StatusCode);
        }

        // The home page still lists it, greyed out and without a link.
        var home = await http.GetStringAsync("/");
        Assert.Contains("data-app=\"catalog-search\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/apps/catalog-search\"", home, StringComparison.Ordinal);

        var (enabledStatus, enabled) = await Admin.PostAsync("/admin/api/apps/catalog-search/enable");
        Assert.Equal(HttpStatusCode.OK, enabledStatus);
        Assert.Equal("enabled", enabled.GetProperty("state").GetString());
        using (var started = await http.PostAsync("/api/apps/catalog-search/sessions", null))
        {
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }

        using (var startedElsewhere = await other.PostAsync("/api/apps/catalog-search/sessions", null))
        {
            Assert.Equal(HttpStatusCode.Created, startedElsewhere.StatusCode);
        }

        // The running session picks up where it was: page 3 next.
        using var resumed = await http.PostAsJsonAsync($"/api/sessions/{running}/actions", new { action = "next", seq = 3 });
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(3, (await resumed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("view").GetProperty("data").GetProperty("page").GetInt32());
        Assert.Contains("href=\"/apps/catalog-search\"", await http.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_graceful_disable_refuses_new_sessions_lets_live_ones_finish_then_becomes_disabled()
    {
        using var http = fixture.Gateway.CreateClient();

        // order-entry needs a signed-in user.
        await TestUsers.AuthorizeAsync(http, fixture.Database);
        var sessions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var started = await http.PostAsync("/api/apps/order-entry/sessions", null);
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            sessions.Add((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString()!);
        }

        var (status, draining) = await Admin.PostAsync("/admin/api/apps/order-entry/disable", new { mode = "graceful" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("draining", draining.GetProperty("state").GetString());
        Assert.Equal(3, draining.GetProperty("liveSessions").GetInt32());

        using (var refused = await http.PostAsync("/api/apps/order-entry/sessions", null))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        // Live sessions go on; as each ends the drain gets closer, and with the last one it is complete.
        foreach (var id in sessions)
        {
            using var view = await http.GetAsync($"/api/sessions/{id}");
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
            Assert.Equal("draining", await StateOfAsync("order-entry"));
            using var ended = await http.DeleteAsync($"/api/sessions/{id}");
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        Assert.Equal("disabled", await Eventually.ReturnsAsync(() => StateOfAsync("order-entry"), s => s == "disabled", TimeSpan.FromSeconds(20)));
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync("/admin/api/apps/order-entry/enable")).Status);
        Assert.Equal("enabled", await StateOfAsync("order-entry"));
    }

    [Fact]
    public async Task Application_actions_refuse_bad_input_with_problem_details()
    {
        var (unknown, body) = await Admin.PostAsync("/admin/api/apps/no-such-app/disable", new { mode = "immediate" });
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("no-such-app", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (badMode, problem) = await Admin.PostAsync("/admin/api/apps/catalog-search/disable", new { mode = "later" });
        Assert.Equal(HttpStatusCode.BadRequest, badMode);
        Assert.Equal("mode", problem.GetProperty("field").GetString());
        Assert.Equal("enabled", await StateOfAsync("catalog-search"));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("/admin/api/silos/10.0.0.1:1@1/drain")).Status);
    }

    [Fact]
    public async Task A_product_changed_through_the_catalog_application_shows_at_once_in_sessions_on_every_silo()
    {
        using var http = fixture.Gateway.CreateClient();
        var sessions = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var connection = await fixture.Cluster.OpenDatabaseAsync())
        {
            for (var i = 0; i < 30 && sessions.Count < 3; i++)
            {
                var id = await SessionFlow.StartAtPageTwoAsync(http);
                sessions.TryAdd(await connection.QuerySingleAsync<string>("SELECT silo FROM session_records WHERE session_id = @Id", new { Id = id }), id);
            }
        }

        Assert.Equal(3, sessions.Count);
        var first = (await http.GetFromJsonAsync<JsonElement>($"/api/sessions/{sessions.Values.First()}")).GetProperty("view").GetProperty("data").GetProperty("items")[0].GetProperty("id").GetInt64();

        // The catalog's admin operations are the catalog application's own grain, not a platform API.
        var catalog = fixture.Cluster.Client.GetGrain<ICatalogAdminGrain>("admin");
        var original = (await catalog.Get(first))!;
        try
        {
            var changed = await catalog.Update(first, new ProductChange("Router renamed by the catalog", null, null, 3));
            Assert.Equal(("Router renamed by the catalog", 3L), (changed!.Name, changed.Stock));

            // Every silo's caches were invalidated before the answer: the next render of each session shows it (the new
            // name still contains "router", so the product stays where it was in the results).
            foreach (var id in sessions.Values)
            {
                var item = (await http.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}")).GetProperty("view").GetProperty("data").GetProperty("items")[0];
                Assert.Equal((first, "Router renamed by the catalog"), (item.GetProperty("id").GetInt64(), item.GetProperty("name").GetString()));
            }
        }
        finally
        {
            await catalog.Update(first, new ProductChange(original.Name, null, null, original.Stock));
        }

        Assert.Null(await catalog.Update(99_999_999, new ProductChange(null, null, null, 1)));
        var negative = await Assert.ThrowsAsync<ArgumentException>(() => catalog.Update(first, new ProductChange(null, null, null, -1)));
        Assert.Contains("stock must be", negative.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => catalog.Update(first, new ProductChange(null, null, null, null)));
    }

    [Fact]
    public async Task Caches_are_reported_per_silo_and_cleared_and_reloaded_on_every_silo()
    {
        var silos = (await fixture.Cluster.ReadMembershipAsync()).Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloId).ToList();
        await FillProductCachesAsync(silos);
        var before = await ProductCacheEntriesAsync();
        Assert.Equal(silos.Order(), before.Keys.Order());
        Assert.All(before.Values, entries => Assert.True(entries >= 2, $"{entries} entries"));

        var (status, cleared) = await Admin.PostAsync("/admin/api/caches/product/clear");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(silos.Order(), cleared.GetProperty("objects").EnumerateObject().Select(p => p.Name).Order());
        Assert.All(cleared.GetProperty("objects").EnumerateObject(), p => Assert.True(p.Value.GetInt32() >= 2));
        Assert.All((await ProductCacheEntriesAsync()).Values, entries => Assert.Equal(0, entries));

        await FillProductCachesAsync(silos);
        var (reloadStatus, reloaded) = await Admin.PostAsync("/admin/api/caches/*/reload");
        Assert.Equal(HttpStatusCode.OK, reloadStatus);
        Assert.All(reloaded.GetProperty("objects").EnumerateObject(), p => Assert.True(p.Value.GetInt32() >= 2));
        Assert.All((await ProductCacheEntriesAsync()).Values, entries => Assert.True(entries >= 2));

        var caches = await Admin.GetOkAsync("/admin/api/caches");
        var product = caches.EnumerateArray().First().GetProperty("caches").EnumerateArray().Single(c => c.GetProperty("cacheType").GetString() == "product");
        Assert.True(product.GetProperty("capacity").GetInt32() > 0);
        Assert.True(product.GetProperty("misses").GetInt64() > 0);

        var (unknown, problem) = await Admin.PostAsync("/admin/api/caches/no-such-cache/clear");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("no-such-cache", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_are_validated_naming_the_key_and_a_bad_value_changes_nothing()
    {
        var before = await Admin.GetOkAsync("/admin/api/config");
        foreach (var (key, body, expected) in new (string, object, string)[]
        {
            ("No:Such", new { value = "1" }, "No:Such"),
            ("Sessions:IdleTimeout", new { value = "soon" }, "Sessions:IdleTimeout"),
            ("Sessions:IdleTimeout", new { value = "99.00:00:00" }, "at most"),
            ("Sessions:MaxRecordBytes", new { other = 1 }, "Sessions:MaxRecordBytes"),
            ("Gateway:CallAttemptTimeout", new { value = "00:01:00" }, "Gateway:RetryBudget"),
        })
        {
            var (status, problem) = await Admin.PutAsync($"/admin/api/config/{key}", body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.PutAsync("/admin/api/config/Sessions:IdleTimeout?silo=bad%20name", new { value = "00:10:00" })).Status);
        var after = await Admin.GetOkAsync("/admin/api/config");
        Assert.Equal(before.GetProperty("clusterDigest").GetString(), after.GetProperty("clusterDigest").GetString());
    }

    [Fact]
    public async Task A_live_setting_applies_on_every_silo_within_seconds_and_takes_effect()
    {
        var (status, change) = await Admin.PutAsync("/admin/api/config/Sessions:IdleTimeout", new { value = "00:00:03" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(change.GetProperty("live").GetBoolean());
        try
        {
            var applying = Stopwatch.StartNew();
            await Eventually.ReturnsAsync(
                () => Admin.GetOkAsync("/admin/api/config/diff"),
                diff => diff.GetArrayLength() == 3 && diff.EnumerateArray().All(s => !s.GetProperty("differences").EnumerateArray().Any(d => d.GetProperty("key").GetString() == "Sessions:IdleTimeout")),
                TimeSpan.FromSeconds(30));
            output.WriteLine($"every silo ran Sessions:IdleTimeout=00:00:03 {applying.ElapsedMilliseconds} ms after the change was stored");

            // In force: a session idle for longer than three seconds has expired.
            using var http = fixture.Gateway.CreateClient();
            var id = await SessionFlow.StartAsync(http, "catalog-search");
            await Task.Delay(TimeSpan.FromSeconds(4.5));
            using var late = await http.GetAsync($"/api/sessions/{id}");
            Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await Admin.DeleteAsync("/admin/api/config/Sessions:IdleTimeout")).Status);
        }
    }

    [Fact]
    public async Task Drift_is_flagged_for_local_overrides_stored_silo_overrides_and_changes_that_need_a_restart()
    {
        // silo-3 started with its own value in its environment.
        var diff = await Admin.GetOkAsync("/admin/api/config/diff");
        var silo3 = diff.EnumerateArray().Single(s => s.GetProperty("siloName").GetString() == "silo-3");
        Assert.False(silo3.GetProperty("matchesCluster").GetBoolean());
        var local = silo3.GetProperty("differences").EnumerateArray().Single();
        Assert.Equal((AdminClusterFixture.LocalOverrideKey, AdminClusterFixture.LocalOverrideValue, "local configuration"), (local.GetProperty("key").GetString(), local.GetProperty("silo").GetString(), local.GetProperty("source").GetString()));
        Assert.True(diff.EnumerateArray().Single(s => s.GetProperty("siloName").GetString() == "silo-1").GetProperty("matchesCluster").GetBoolean());

        // A stored override for silo-1 (live): silo-1 runs it within seconds and is flagged.
        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsync("/admin/api/config/Sessions:MaxRecordBytes?silo=silo-1", new { value = "8192" })).Status);
        await Eventually.ReturnsAsync(() => Admin.GetOkAsync("/admin/api/config/diff"), d => DifferenceOf(d, "silo-1", "Sessions:MaxRecordBytes") is ("8192", "silo override"), TimeSpan.FromSeconds(30));
        await Eventually.ReturnsAsync(() => Admin.GetOkAsync("/admin/api/silos"), s => !MatchesCluster(s, "silo-1"), TimeSpan.FromSeconds(30));
        Assert.Equal("8192", (await Admin.GetOkAsync("/admin/api/config")).GetProperty("settings").EnumerateArray()
            .Single(s => s.GetProperty("key").GetString() == "Sessions:MaxRecordBytes").GetProperty("overrides").GetProperty("silo-1").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Admin.DeleteAsync("/admin/api/config/Sessions:MaxRecordBytes?silo=silo-1")).Status);
        await Eventually.ReturnsAsync(() => Admin.GetOkAsync("/admin/api/silos"), s => MatchesCluster(s, "silo-1"), TimeSpan.FromSeconds(30));

        // A cluster-wide change that needs a restart: stored, but no running silo has it, and each says so.
        var (status, change) = await Admin.PutAsync("/admin/api/config/Placement:Weight", new { value = "2" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(change.GetProperty("live").GetBoolean());
        Assert.Contains("Restart needed", change.GetProperty("message").GetString(), StringComparison.Ordinal);
        try
        {
            var pending = await Admin.GetOkAsync("/admin/api/config/diff");
            Assert.All(new[] { "silo-1", "silo-2", "silo-3" }, name => Assert.Equal(("1", "restart needed"), DifferenceOf(pending, name, "Placement:Weight")));
            var silos = await Admin.GetOkAsync("/admin/api/silos");
            Assert.All(new[] { "silo-1", "silo-2", "silo-3" }, name => Assert.False(MatchesCluster(silos, name)));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await Admin.DeleteAsync("/admin/api/config/Placement:Weight")).Status);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync("/admin/api/config/Placement:Weight")).Status);
        await Eventually.ReturnsAsync(() => Admin.GetOkAsync("/admin/api/silos"), s => MatchesCluster(s, "silo-1") && MatchesCluster(s, "silo-2"), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Held_locks_are_listed_with_owner_silo_token_and_lease()
    {
        await using var services = fixture.Database.BuildServices(s => s.AddLogging().AddClusterLockStore());
        var store = services.GetRequiredService<IClusterLockStore>();
        var silo = (await fixture.Cluster.ReadMembershipAsync()).First(m => m.Status == SiloStatus.Active);
        var owner = new LockOwner("admin-test-" + Guid.NewGuid().ToString("N")[..8], silo.SiloId);
        var grant = await store.TryAcquireAsync("admin-test/lock", LockMode.Exclusive, owner, TimeSpan.FromSeconds(30));
        Assert.NotNull(grant);
        try
        {
            var held = (await Admin.GetOkAsync("/admin/api/locks")).EnumerateArray().Single(l => l.GetProperty("name").GetString() == "admin-test/lock");
            Assert.Equal(owner.OwnerId, held.GetProperty("owner").GetString());
            Assert.Equal(silo.SiloId, held.GetProperty("silo").GetString());
            Assert.Equal(grant.FencingToken, held.GetProperty("fencingToken").GetInt64());
            Assert.Equal("exclusive", held.GetProperty("mode").GetString());
            Assert.InRange(held.GetProperty("leaseRemainingSeconds").GetDouble(), 1, 30);
        }
        finally
        {
            await store.ReleaseAsync(grant);
        }

        Assert.DoesNotContain((await Admin.GetOkAsync("/admin/api/locks")).EnumerateArray(), l => l.GetProperty("name").GetString() == "admin-test/lock");
    }

    [Fact]
    public async Task Session_statistics_count_by_application_silo_and_status_and_never_show_whole_session_ids()
    {
        using var http = fixture.Gateway.CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await SessionFlow.StartAsync(http, "catalog-search"));
        }

        // Events are written behind the replies, about once a second.
        var sessions = await Eventually.ReturnsAsync(
            () => Admin.GetOkAsync("/admin/api/sessions"),
            s => s.GetProperty("recent").EnumerateArray().Count(e => ids.Any(id => e.GetProperty("session").GetString()!.StartsWith(id[..8], StringComparison.Ordinal))) == 4,
            TimeSpan.FromSeconds(15));
        Assert.True(sessions.GetProperty("events").GetProperty("started").GetInt64() >= 4);
        Assert.True(sessions.GetProperty("byApplication").GetProperty("catalog-search").GetInt32() >= 4);
        Assert.True(sessions.GetProperty("byStatus").GetProperty("live").GetInt32() >= 4);
        Assert.True(sessions.GetProperty("bySilo").EnumerateObject().Sum(p => p.Value.GetInt32()) >= 4);
        Assert.Equal(30, sessions.GetProperty("timeline").GetArrayLength());
        Assert.True(sessions.GetProperty("timeline").EnumerateArray().Sum(m => m.GetProperty("started").GetInt32()) >= 4);
        var text = sessions.GetRawText();
        Assert.All(ids, id => Assert.DoesNotContain(id, text, StringComparison.Ordinal));
    }

    private static (string? Silo, string? Source) DifferenceOf(JsonElement diff, string siloName, string key) =>
        diff.EnumerateArray().Where(s => s.GetProperty("siloName").GetString() == siloName)
            .SelectMany(s => s.GetProperty("differences").EnumerateArray())
            .Where(d => d.GetProperty("key").GetString() == key)
            .Select(d => (d.GetProperty("silo").GetString(), d.GetProperty("source").GetString()))
            .FirstOrDefault();

    private static bool MatchesCluster(JsonElement silos, string name) =>
        silos.GetProperty("silos").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name && s.GetProperty("status").GetString() == "Active").GetProperty("digestMatchesCluster").GetBoolean();

    private async Task<string?> StateOfAsync(string app) =>
        (await Admin.GetOkAsync("/admin/api/apps")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == app).GetProperty("state").GetString();

    private async Task FillProductCachesAsync(IEnumerable<string> silos)
    {
        foreach (var silo in silos)
        {
            var control = fixture.Cluster.Client.GetGrain<ISiloControlGrain>(silo);
            Assert.NotNull(await control.Entity("product", "1"));
            Assert.NotNull(await control.Entity("product", "2"));
        }
    }

    private async Task<Dictionary<string, int>> ProductCacheEntriesAsync() =>
        (await Admin.GetOkAsync("/admin/api/caches")).EnumerateArray().ToDictionary(
            s => s.GetProperty("siloId").GetString()!,
            s => s.GetProperty("caches").EnumerateArray().Single(c => c.GetProperty("cacheType").GetString() == "product").GetProperty("count").GetInt32());
}
