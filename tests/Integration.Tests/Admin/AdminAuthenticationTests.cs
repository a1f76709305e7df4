using System.Net;
using System.Text;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Admin;

/// <summary>
/// Who gets in to <c>/admin*</c> and <c>/dashboard*</c> on a real Gateway: nobody without credentials (401 for the API
/// and data calls, a redirect to the sign-in page for pages), the admin with HTTP Basic or the sign-in form; a form
/// without its anti-forgery token is refused; repeated failures lock the address out; no password configured, no way in.
/// </summary>
public sealed class AdminAuthenticationTests(AdminGatewayFixture fixture) : IClassFixture<AdminGatewayFixture>
{
    private static readonly string[] AdminPages = ["/admin", "/admin/apps", "/admin/caches", "/admin/silos", "/admin/config", "/admin/locks", "/admin/sessions", "/dashboard/"];

    private static readonly string[] DataCalls = ["/admin/api/status", "/admin/api/admission", "/admin/api/apps", "/admin/api/silos", "/admin/api/config", "/dashboard/ClusterStats", "/dashboard/DashboardCounters"];

    [Fact]
    public async Task Without_credentials_the_api_answers_401_and_pages_redirect_to_the_sign_in_page()
    {
        using var http = fixture.Gateway.CreateClient(followRedirects: false);
        foreach (var path in DataCalls)
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {(int)response.StatusCode}");
        }

        using (var api = await http.GetAsync("/admin/api/status"))
        {
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Basic", api.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        foreach (var path in AdminPages)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
            Assert.StartsWith("/admin/sign-in?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        // No admin action works anonymously either.
        using var post = await http.PostAsync("/admin/api/apps/catalog-search/disable", new StringContent("{\"mode\":\"immediate\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Contains("href=\"/apps/catalog-search\"", await http.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_http_basic_the_api_and_the_dashboard_answer_200()
    {
        using var admin = new AdminApi(fixture.Gateway.BaseAddress);
        foreach (var path in DataCalls)
        {
            var (status, _) = await admin.GetAsync(path);
            Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status}");
        }
    }

    [Fact]
    public async Task Signing_in_with_the_form_opens_every_console_page_and_the_dashboard_and_signing_out_closes_them()
    {
        using var browser = fixture.Gateway.CreateClient();
        await SignInAsync(browser, AdminApi.Password, "/admin/silos", expect: HttpStatusCode.OK);
        foreach (var path in AdminPages)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await browser.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }

        // The dashboard's own data calls ride on the same cookie.
        using (var data = await browser.GetAsync("/dashboard/ClusterStats"))
        {
            Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        }

        var console = await GetPageAsync(browser, "/admin");
        using var signOut = await browser.PostAsync("/admin/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = TokenIn(console) }));
        Assert.Equal("/admin/sign-in", signOut.RequestMessage!.RequestUri!.AbsolutePath);
        using var after = new HttpRequestMessage(HttpMethod.Get, "/admin/apps");
        after.Headers.Accept.ParseAdd("text/html");
        using var afterResponse = await browser.SendAsync(after);
        Assert.Equal("/admin/sign-in", afterResponse.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task The_sign_in_form_needs_its_anti_forgery_token_and_never_redirects_off_the_site()
    {
        using var browser = fixture.Gateway.CreateClient(followRedirects: false);
        using var forged = await browser.PostAsync("/admin/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "admin", ["password"] = AdminApi.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie") && forged.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("op_admin=", StringComparison.Ordinal)));

        using var cookies = fixture.Gateway.CreateClient();
        foreach (var evil in new[] { "//evil.example/x", "/\\evil.example", "https://evil.example/" })
        {
            var location = await SignInAsync(cookies, AdminApi.Password, evil, expect: HttpStatusCode.OK);
            Assert.Equal("/admin", location);
        }
    }

    [Fact]
    public async Task A_console_form_without_its_anti_forgery_token_changes_nothing()
    {
        using var browser = fixture.Gateway.CreateClient();
        await SignInAsync(browser, AdminApi.Password, "/admin", expect: HttpStatusCode.OK);
        using var forged = await browser.PostAsync("/admin/apps/catalog-search/disable", new FormUrlEncodedContent(new Dictionary<string, string> { ["mode"] = "immediate" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var admin = new AdminApi(fixture.Gateway.BaseAddress);
        var apps = await admin.GetOkAsync("/admin/api/apps");
        Assert.Equal("enabled", apps.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "catalog-search").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_lock_the_address_out_even_for_the_right_password()
    {
        // A Gateway of its own: the lockout is per address, and every test here comes from 127.0.0.1.
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var gateway = await GatewayProcess.StartAsync(database, AdminApi.GatewaySettings(new Dictionary<string, string> { ["Admin__LockoutThreshold"] = "3" }));
        using var browser = gateway.CreateClient();
        await SignInAsync(browser, "wrong-password-1", "/admin", expect: HttpStatusCode.Unauthorized);
        await SignInAsync(browser, "wrong-password-2", "/admin", expect: HttpStatusCode.Unauthorized);
        var locked = await SignInAsync(browser, "wrong-password-3", "/admin", expect: HttpStatusCode.TooManyRequests);
        Assert.Contains("locked out", locked, StringComparison.Ordinal);
        Assert.Contains("locked out", await SignInAsync(browser, AdminApi.Password, "/admin", expect: HttpStatusCode.TooManyRequests), StringComparison.Ordinal);

        // The API's Basic credentials count against the same address.
        using var admin = new AdminApi(gateway.BaseAddress);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await admin.GetAsync("/admin/api/status")).Status);
    }

    [Fact]
    public async Task Without_an_admin_password_nobody_gets_in()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var gateway = await GatewayProcess.StartAsync(database);
        using var admin = new AdminApi(gateway.BaseAddress, password: string.Empty);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/admin/api/status")).Status);
        using var guessing = new AdminApi(gateway.BaseAddress, password: "anything-at-all-123");
        Assert.Equal(HttpStatusCode.Unauthorized, (await guessing.GetAsync("/admin/api/status")).Status);
        using var browser = gateway.CreateClient();
        Assert.Contains("no admin password is configured", await SignInAsync(browser, "anything-at-all-123", "/admin", expect: HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
    }

    /// <summary>Signs in with the form; returns the final page's path (200) or body (errors).</summary>
    private static async Task<string> SignInAsync(HttpClient browser, string password, string returnUrl, HttpStatusCode expect)
    {
        using var response = await AdminBrowser.SignInAsync(browser, password, returnUrl);
        Assert.Equal(expect, response.StatusCode);
        return expect == HttpStatusCode.OK ? response.RequestMessage!.RequestUri!.AbsolutePath : await response.Content.ReadAsStringAsync();
    }

    private static Task<string> GetPageAsync(HttpClient browser, string path) => AdminBrowser.GetPageAsync(browser, path);

    private static string TokenIn(string html) => AdminBrowser.AntiforgeryTokenIn(html);
}
