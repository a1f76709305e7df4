using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Integration.Tests.Admin;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Integration.Tests.Users;

/// <summary>
/// Users of the applications through real processes on PostgreSQL (3 silos, 2 Gateways as cluster clients): managed
/// through the admin API, signing in for a bearer token or a cookie, refused with the right status and nothing leaked
/// (body or logs), and owning the sessions they start, through the JSON API and the pages, across Gateways.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AppUsersClusterTests(AdminClusterFixture fixture) : IClassFixture<AdminClusterFixture>
{
    private const string Password = "users-test-password-51c8";
    private const string WrongPassword = "users-wrong-password-0a9e";

    [Fact]
    public async Task A_wrong_password_an_unknown_name_a_lockout_and_a_disabled_user_get_the_right_status_and_leak_nothing()
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..10];
        var (created, user) = await fixture.Admin.PostAsync("/admin/api/users", new { name, password = Password, roles = new[] { "buyer" } });
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(["buyer"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain(Password, user.GetRawText(), StringComparison.Ordinal);
        Assert.False(user.TryGetProperty("passwordHash", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Admin.PostAsync("/admin/api/users", new { name, password = Password })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Admin.PostAsync("/admin/api/users", new { name = "x y", password = Password })).Status);

        using var http = fixture.Gateway.CreateClient();
        var (wrongStatus, wrong) = await TokenAsync(http, name, WrongPassword);
        var (unknownStatus, unknown) = await TokenAsync(http, "nobody-" + name, Password);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrongStatus, unknownStatus));
        Assert.Equal(wrong.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString()); // nothing tells the two apart
        Assert.DoesNotContain(WrongPassword, wrong.GetRawText(), StringComparison.Ordinal);

        // 4 more wrong passwords (5 in a row) lock the name: the right password is refused too, with the same answer.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(http, name, WrongPassword + i)).Status);
        }

        var (lockedStatus, locked) = await TokenAsync(http, name, Password);
        Assert.Equal(HttpStatusCode.Unauthorized, lockedStatus);
        Assert.Equal(wrong.GetProperty("detail").GetString(), locked.GetProperty("detail").GetString());
        Assert.Contains("locked", locked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var listed = (await fixture.Admin.GetOkAsync("/admin/api/users")).EnumerateArray().Single(u => u.GetProperty("name").GetString() == name);
        Assert.True(listed.GetProperty("lockedOut").GetBoolean());

        // A disabled user is told so only with the right password; a token issued before stops working at once.
        var other = await TestUsers.AddAsync(fixture.Database);
        var earlier = await TestUsers.TokenAsync(fixture.Gateway.BaseAddress, other);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.PostAsync($"/admin/api/users/{other}/disable")).Status);
        var (disabledStatus, disabled) = await TokenAsync(http, other, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Forbidden, disabledStatus);
        Assert.Contains("disabled", disabled.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(http, other, WrongPassword)).Status);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/apps/order-entry/sessions"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", earlier);
            using var refused = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.PostAsync($"/admin/api/users/{other}/enable")).Status);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(http, other, TestUsers.Password)).Status);

        // Roles are replaced by the admin; nothing the users did put a password into a Gateway's or a silo's log.
        var (rolesStatus, roles) = await fixture.Admin.PutAsync($"/admin/api/users/{other}/roles", new { roles = new[] { "a", "b" } });
        Assert.Equal((HttpStatusCode.OK, "a,b"), (rolesStatus, string.Join(',', roles.GetProperty("roles").EnumerateArray().Select(r => r.GetString()))));
        foreach (var log in new[] { fixture.Gateway.Process, fixture.OtherGateway.Process }.Concat(fixture.Cluster.Silos).Select(p => p.StandardOutput + p.StandardError))
        {
            Assert.DoesNotContain(Password, log, StringComparison.Ordinal);
            Assert.DoesNotContain(WrongPassword, log, StringComparison.Ordinal);
            Assert.DoesNotContain(TestUsers.Password, log, StringComparison.Ordinal);
        }

        Assert.Contains($"User {name} locked out", fixture.Gateway.Process.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_from_one_Gateway_works_through_the_other_and_another_users_session_answers_404_and_an_anonymous_one_401()
    {
        var alice = await TestUsers.AddAsync(fixture.Database);
        var bob = await TestUsers.AddAsync(fixture.Database);
        using var aliceHttp = fixture.OtherGateway.CreateClient();
        aliceHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestUsers.TokenAsync(fixture.Gateway.BaseAddress, alice));
        using var bobHttp = fixture.Gateway.CreateClient();
        bobHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestUsers.TokenAsync(fixture.Gateway.BaseAddress, bob));
        using var anonymous = fixture.Gateway.CreateClient();

        using (var refused = await anonymous.PostAsync("/api/apps/order-entry/sessions", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Bearer", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        var id = await SessionFlow.StartAsync(aliceHttp, "order-entry");
        using (var added = await aliceHttp.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "add", inputs = new { productId = "3", quantity = "2" }, seq = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        // Bob gets exactly what an id that does not exist gets.
        using var bobsView = await bobHttp.GetAsync($"/api/sessions/{id}");
        using var noSuch = await bobHttp.GetAsync($"/api/sessions/{new string('0', 32)}");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (bobsView.StatusCode, noSuch.StatusCode));
        Assert.Equal(
            (await noSuch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(),
            (await bobsView.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        using (var bobsAction = await bobHttp.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "review", seq = 2 }))
        {
            Assert.Equal(HttpStatusCode.NotFound, bobsAction.StatusCode);
        }

        using (var bobsEnd = await bobHttp.DeleteAsync($"/api/sessions/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, bobsEnd.StatusCode);
        }

        using (var anonymousView = await anonymous.GetAsync($"/api/sessions/{id}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousView.StatusCode);
        }

        // Nothing Bob sent was applied: Alice goes on at seq 2, through either Gateway, and her order names her.
        using var review = await aliceHttp.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "review", seq = 2 });
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        using var placed = await aliceHttp.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "place", seq = 3 });
        var confirmation = await placed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmation", confirmation.GetProperty("view").GetProperty("step").GetString());
        var orderId = confirmation.GetProperty("view").GetProperty("data").GetProperty("orderId").GetInt64();
        await using var services = fixture.Database.BuildServices();
        await using var connection = await services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(alice, await connection.ExecuteScalarAsync<string>("SELECT user_name FROM orders WHERE id = @Id", new { Id = orderId }));
    }

    [Fact]
    public async Task A_role_the_operator_requires_is_refused_with_403_through_the_API_and_the_pages_until_granted_and_again_once_taken_away()
    {
        // leave-request declares no access; the silos' Applications:Access:leave-request:Roles=approver requires the role.
        const string App = "leave-request";
        var carol = await TestUsers.AddAsync(fixture.Database);
        using var http = fixture.Gateway.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestUsers.TokenAsync(fixture.OtherGateway.BaseAddress, carol));
        using (var anonymous = fixture.Gateway.CreateClient())
        using (var challenged = await anonymous.PostAsync($"/api/apps/{App}/sessions", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        }

        using (var refused = await http.PostAsync($"/api/apps/{App}/sessions", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
            Assert.Contains(AdminClusterFixture.RequiredRole, detail, StringComparison.Ordinal);
            Assert.DoesNotContain(TestUsers.Password, detail, StringComparison.Ordinal);
        }

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.OtherGateway.BaseAddress };
        await TestUsers.SignInAsync(browser, carol);
        using (var page = await browser.GetAsync($"/apps/{App}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("Not allowed", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Null(cookies.GetCookies(fixture.OtherGateway.BaseAddress)[$"op_session_{App}"]);
        }

        // Granted by the admin: the same token and the same browser cookie now start sessions (roles are read per request).
        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.PutAsync($"/admin/api/users/{carol}/roles", new { roles = new[] { AdminClusterFixture.RequiredRole } })).Status);
        var id = await SessionFlow.StartAsync(http, App);
        Assert.Contains("data-step=", await browser.GetStringAsync($"/apps/{App}"), StringComparison.Ordinal);

        // Taken away: the session she started stops answering her too, and nothing was lost from it.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.PutAsync($"/admin/api/users/{carol}/roles", new { roles = Array.Empty<string>() })).Status);
        using (var stopped = await http.GetAsync($"/api/sessions/{id}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, stopped.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.PutAsync($"/admin/api/users/{carol}/roles", new { roles = new[] { AdminClusterFixture.RequiredRole } })).Status);
        using var back = await http.GetAsync($"/api/sessions/{id}");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task Pages_ask_an_anonymous_browser_to_sign_in_and_another_users_browser_never_reaches_the_session()
    {
        var alice = await TestUsers.AddAsync(fixture.Database);
        var bob = await TestUsers.AddAsync(fixture.Database);
        var aliceCookies = new CookieContainer();
        using var aliceFirst = new HttpClient(new HttpClientHandler { CookieContainer = aliceCookies, AllowAutoRedirect = false }) { BaseAddress = fixture.Gateway.BaseAddress };
        using var aliceSecond = new HttpClient(new HttpClientHandler { CookieContainer = aliceCookies, AllowAutoRedirect = false }) { BaseAddress = fixture.OtherGateway.BaseAddress };

        using (var challenged = await aliceFirst.GetAsync("/apps/order-entry"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, challenged.StatusCode);
            Assert.Equal("/sign-in?returnUrl=%2Fapps%2Forder-entry", challenged.Headers.Location!.OriginalString);
        }

        using (var wrong = await TestUsers.PostSignInAsync(aliceFirst, alice, WrongPassword, "/apps/order-entry"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Contains("Wrong user name or password", html, StringComparison.Ordinal);
            Assert.DoesNotContain(WrongPassword, html, StringComparison.Ordinal);
        }

        using (var signedIn = await TestUsers.PostSignInAsync(aliceFirst, alice, TestUsers.Password, "/apps/order-entry"))
        {
            Assert.Equal((HttpStatusCode.SeeOther, "/apps/order-entry"), (signedIn.StatusCode, signedIn.Headers.Location!.OriginalString));
        }

        // The other Gateway accepts the sign-in cookie (one key ring) and starts Alice's session.
        Assert.Contains("data-step=\"browse\"", await aliceSecond.GetStringAsync("/apps/order-entry"), StringComparison.Ordinal);
        var aliceSession = aliceCookies.GetCookies(fixture.Gateway.BaseAddress)["op_session_order-entry"]!;

        // Bob's browser holding Alice's session cookie gets a session of its own, never hers.
        var bobCookies = new CookieContainer();
        using var bobBrowser = new HttpClient(new HttpClientHandler { CookieContainer = bobCookies, AllowAutoRedirect = false }) { BaseAddress = fixture.Gateway.BaseAddress };
        await TestUsers.SignInAsync(bobBrowser, bob);
        bobCookies.Add(fixture.Gateway.BaseAddress, new Cookie(aliceSession.Name, aliceSession.Value));
        using (var bobsPage = await bobBrowser.GetAsync("/apps/order-entry"))
        {
            Assert.Equal(HttpStatusCode.OK, bobsPage.StatusCode);
            Assert.NotEqual(aliceSession.Value, bobCookies.GetCookies(fixture.Gateway.BaseAddress)["op_session_order-entry"]!.Value);
        }

        // An anonymous browser holding it is asked to sign in.
        var strangerCookies = new CookieContainer();
        strangerCookies.Add(fixture.Gateway.BaseAddress, new Cookie(aliceSession.Name, aliceSession.Value));
        using var stranger = new HttpClient(new HttpClientHandler { CookieContainer = strangerCookies, AllowAutoRedirect = false }) { BaseAddress = fixture.Gateway.BaseAddress };
        using (var refused = await stranger.GetAsync("/apps/order-entry"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
            Assert.StartsWith("/sign-in?", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(aliceSession.Value, aliceCookies.GetCookies(fixture.Gateway.BaseAddress)["op_session_order-entry"]!.Value);
    }

    [Fact]
    public async Task A_signed_in_users_session_survives_kill_9_of_the_Gateway_that_served_it_with_no_new_sign_in()
    {
        var alice = await TestUsers.AddAsync(fixture.Database);
        await using var doomed = await GatewayProcess.StartForClusterAsync(fixture.Database, fixture.Cluster, AdminApi.GatewaySettings());
        var cookies = new CookieContainer();
        using var first = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = doomed.BaseAddress };
        await TestUsers.SignInAsync(first, alice);
        var page = await first.GetStringAsync("/apps/order-entry");
        Assert.Contains("data-step=\"browse\"", page, StringComparison.Ordinal);
        var form = AdminBrowser.AntiforgeryTokenIn(page);
        using (var added = await first.PostAsync("/apps/order-entry", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form,
            ["_action"] = "add",
            ["_seq"] = "1",
            ["productId"] = "5",
            ["quantity"] = "4",
        })))
        {
            Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        }

        doomed.Process.Kill(); // SIGKILL
        await doomed.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(doomed.Process.HasExited);

        // The same browser (cookies for 127.0.0.1 go to every port) goes on through a surviving Gateway: no sign-in page.
        using var second = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.OtherGateway.BaseAddress };
        using var after = await second.GetAsync("/apps/order-entry");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("data-field=\"cartLines\">1<", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(HttpClient http, string user, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { user, password });
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        return (response.StatusCode, JsonDocument.Parse(text).RootElement);
    }
}
