using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansPlatform.Integration.Tests.Admin;
using OrleansPlatform.Integration.Tests.Infrastructure;

namespace OrleansPlatform.Integration.Tests.Gateway;

/// <summary>
/// Every endpoint of a real Gateway, reviewed: the list below names each one (method and route pattern as mapped) with
/// who may call it. The Gateway's own listing (<c>GET /admin/api/endpoints</c>, read from routing's endpoint data
/// source) must equal it, so a new endpoint fails this test until someone decides who may call it; and each one is
/// called without credentials: an admin endpoint refuses (401, or a redirect to the sign-in page for a page), any other
/// does not.
/// </summary>
public sealed partial class EndpointInventoryTests(AdminGatewayFixture fixture) : IClassFixture<AdminGatewayFixture>
{
    private const string Admin = "admin";
    private const string Anyone = "anonymous";

    // Anyone: the public pages and API, the sign-in forms (antiforgery-protected) and the users' token endpoint. A
    // session's id, in the path or the op_session cookie, is its credential (unguessable, 128 bits) for an anonymous
    // session; a session a signed-in user started also needs that user (the session grain checks, not routing), so
    // the session endpoints stay open to anonymous callers here.
    private static readonly (string Method, string Route, string Access)[] s_endpoints =
    [
        ("GET", "/", Anyone),
        ("GET", "/health", Anyone),
        ("GET", "/health/live", Anyone),
        ("GET", "/openapi/{documentName}.json", Anyone),
        ("GET", "/api/cluster/silos", Anyone),
        ("GET", "/api/apps", Anyone),
        ("POST", "/api/apps/{app}/sessions", Anyone),
        ("GET", "/api/sessions/{id}", Anyone),
        ("DELETE", "/api/sessions/{id}", Anyone),
        ("POST", "/api/sessions/{id}/actions", Anyone),
        ("GET", "/apps/{app}", Anyone),
        ("POST", "/apps/{app}", Anyone),
        ("GET", "/assets/site.css", Anyone),
        ("GET", "/favicon.svg", Anyone),
        ("GET", "/favicon.ico", Anyone),
        ("GET", "/admin/sign-in", Anyone),
        ("POST", "/admin/sign-in", Anyone),
        ("POST", "/admin/sign-out", Anyone),
        ("GET", "/sign-in", Anyone),
        ("POST", "/sign-in", Anyone),
        ("POST", "/sign-out", Anyone),
        ("POST", "/api/auth/token", Anyone),

        // The console.
        ("GET", "/admin/", Admin),
        ("GET", "/admin/apps", Admin),
        ("POST", "/admin/apps/{app}/disable", Admin),
        ("POST", "/admin/apps/{app}/enable", Admin),
        ("GET", "/admin/caches", Admin),
        ("POST", "/admin/caches/{type}/{operation:regex(^(clear|reload)$)}", Admin),
        ("GET", "/admin/config", Admin),
        ("POST", "/admin/config/{key}", Admin),
        ("POST", "/admin/config/{key}/remove", Admin),
        ("GET", "/admin/locks", Admin),
        ("GET", "/admin/sessions", Admin),
        ("GET", "/admin/silos", Admin),
        ("POST", "/admin/silos/{id}/drain", Admin),
        ("GET", "/admin/users", Admin),
        ("POST", "/admin/users/{name}/disable", Admin),
        ("POST", "/admin/users/{name}/enable", Admin),
        ("POST", "/admin/users/{name}/roles", Admin),

        // The admin JSON API.
        ("GET", "/admin/api/admission", Admin),
        ("GET", "/admin/api/apps", Admin),
        ("POST", "/admin/api/apps/{app}/disable", Admin),
        ("POST", "/admin/api/apps/{app}/enable", Admin),
        ("GET", "/admin/api/caches", Admin),
        ("POST", "/admin/api/caches/{type}/clear", Admin),
        ("POST", "/admin/api/caches/{type}/reload", Admin),
        ("GET", "/admin/api/config", Admin),
        ("GET", "/admin/api/config/diff", Admin),
        ("DELETE", "/admin/api/config/{key}", Admin),
        ("PUT", "/admin/api/config/{key}", Admin),
        ("GET", "/admin/api/endpoints", Admin),
        ("GET", "/admin/api/locks", Admin),
        ("GET", "/admin/api/sessions", Admin),
        ("GET", "/admin/api/silos", Admin),
        ("POST", "/admin/api/silos/{id}/drain", Admin),
        ("GET", "/admin/api/status", Admin),
        ("GET", "/admin/api/users", Admin),
        ("POST", "/admin/api/users", Admin),
        ("POST", "/admin/api/users/{name}/disable", Admin),
        ("POST", "/admin/api/users/{name}/enable", Admin),
        ("PUT", "/admin/api/users/{name}/roles", Admin),
        ("*", "/admin/api/{*path:nonfile}", Admin),

        // The Orleans Dashboard (MapOrleansDashboard under /dashboard, behind the admin policy).
        ("GET", "/dashboard/", Admin),
        ("GET", "/dashboard/ClusterStats", Admin),
        ("GET", "/dashboard/DashboardCounters", Admin),
        ("GET", "/dashboard/GrainState", Admin),
        ("GET", "/dashboard/GrainStats/{*grainName}", Admin),
        ("GET", "/dashboard/GrainTypes", Admin),
        ("GET", "/dashboard/HistoricalStats/{*path}", Admin),
        ("GET", "/dashboard/LifecycleStages", Admin),
        ("GET", "/dashboard/Reminders", Admin),
        ("GET", "/dashboard/Reminders/{page:int}", Admin),
        ("GET", "/dashboard/SiloCounters/{*address}", Admin),
        ("GET", "/dashboard/SiloMetadata/{*address}", Admin),
        ("GET", "/dashboard/SiloProperties/{*address}", Admin),
        ("GET", "/dashboard/SiloStats/{*address}", Admin),
        ("GET", "/dashboard/TopGrainMethods", Admin),
        ("GET", "/dashboard/Trace", Admin),
        ("GET", "/dashboard/favicon.ico", Admin),
        ("GET", "/dashboard/fonts/{**path}", Admin),
        ("GET", "/dashboard/img/{**path}", Admin),
        ("GET", "/dashboard/index.css", Admin),
        ("GET", "/dashboard/index.html", Admin),
        ("GET", "/dashboard/index.min.js", Admin),
        ("GET", "/dashboard/version", Admin),
    ];

    // A value for each route parameter, by name: enough for routing to match (the answer past authorization is not
    // the point, only whether the request got that far).
    private static readonly Dictionary<string, string> s_parameterValues = new(StringComparer.Ordinal)
    {
        ["app"] = "catalog-search",
        ["id"] = "1",
        ["type"] = "*",
        ["operation"] = "clear",
        ["documentName"] = "v1",
        ["page"] = "1",
        ["name"] = "someone",
    };

    [Fact]
    public async Task Every_endpoint_the_Gateway_serves_is_listed_with_the_access_it_demands()
    {
        using var admin = new AdminApi(fixture.Gateway.BaseAddress);
        var served = (await admin.GetOkAsync("/admin/api/endpoints")).EnumerateArray()
            .SelectMany(e => e.GetProperty("methods").EnumerateArray().Select(m => (Method: m.GetString()!, Route: e.GetProperty("route").GetString()!, Access: e.GetProperty("access").GetString()!)))
            .ToHashSet();

        var unlisted = served.Except(s_endpoints).Select(e => $"{e.Method} {e.Route} ({e.Access})").ToList();
        var gone = s_endpoints.Except(served).Select(e => $"{e.Method} {e.Route} ({e.Access})").ToList();
        Assert.True(unlisted.Count == 0, "served but not listed here (add each with who may call it): " + string.Join("; ", unlisted));
        Assert.True(gone.Count == 0, "listed here but not served as listed: " + string.Join("; ", gone));
    }

    [Fact]
    public async Task Without_credentials_every_admin_endpoint_refuses_and_every_other_one_lets_the_request_through()
    {
        using var anonymous = fixture.Gateway.CreateClient(followRedirects: false);
        var wrong = new List<string>();
        foreach (var (method, route, access) in s_endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method == "*" ? "GET" : method), Concrete(route));
            if (method is "GET" or "*")
            {
                request.Headers.Accept.ParseAdd("text/html");
            }
            else
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
                    && new Uri(fixture.Gateway.BaseAddress, location).PathAndQuery.StartsWith("/admin/sign-in?ReturnUrl=", StringComparison.Ordinal));
            if (refused != (access == Admin))
            {
                wrong.Add($"{method} {route} ({access}): {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(wrong.Count == 0, "anonymous calls answered against the list: " + string.Join("; ", wrong));
    }

    [Fact]
    public async Task With_http_basic_the_admin_reads_every_admin_page_and_data_call()
    {
        using var admin = new AdminApi(fixture.Gateway.BaseAddress);
        var refused = new List<string>();
        foreach (var (_, route, _) in s_endpoints.Where(e => e.Access == Admin && e.Method == "GET"))
        {
            var status = await admin.GetStatusAsync(Concrete(route));
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                refused.Add($"{route}: {(int)status}");
            }
        }

        Assert.True(refused.Count == 0, "refused to the admin: " + string.Join("; ", refused));
    }

    [Fact]
    public async Task The_public_silo_list_gives_no_pid_name_or_address_and_the_admin_list_does()
    {
        using var anonymous = fixture.Gateway.CreateClient(followRedirects: false);
        var open = JsonDocument.Parse(await anonymous.GetStringAsync("/api/cluster/silos")).RootElement;
        Assert.NotEmpty(open.EnumerateArray());
        foreach (var silo in open.EnumerateArray())
        {
            Assert.Equal(["activations", "status"], silo.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        using var admin = new AdminApi(fixture.Gateway.BaseAddress);
        var own = (await admin.GetOkAsync("/admin/api/silos")).GetProperty("silos").EnumerateArray().Single();
        Assert.Equal(fixture.Gateway.Process.Pid, own.GetProperty("pid").GetInt32());
        Assert.Matches(@"^127\.0\.0\.1:\d+$", own.GetProperty("address").GetString());
        Assert.DoesNotContain(own.GetProperty("address").GetString()!, open.GetRawText(), StringComparison.Ordinal);
    }

    private static string Concrete(string route) =>
        RouteParameter().Replace(route, m => s_parameterValues.GetValueOrDefault(m.Groups["name"].Value, "x"));

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z]+)(:[^{}]*(\{[^{}]*\}[^{}]*)*)?\}")]
    private static partial Regex RouteParameter();
}
