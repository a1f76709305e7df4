using System.Net;
using System.Text.RegularExpressions;
using OrleansPlatform.Integration.Tests.Infrastructure;

namespace OrleansPlatform.Integration.Tests.Gateway;

public sealed partial class AppPagesTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_home_page_lists_the_bundled_applications()
    {
        using var http = fixture.Gateway.CreateClient();

        var html = await http.GetStringAsync("/");

        Assert.Contains("href=\"/apps/catalog-search\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/apps/order-entry\"", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"description\">Search the product catalog", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forms_work_without_javascript_and_a_resubmitted_form_is_applied_once()
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.Gateway.BaseAddress };

        // order-entry needs a signed-in user.
        await TestUsers.SignInAsync(http, await TestUsers.AddAsync(fixture.Database));
        using var first = await http.GetAsync("/apps/order-entry");
        var setCookie = string.Join("\n", first.Headers.GetValues("Set-Cookie"));
        Assert.Matches("op_session_order-entry=[^;]+;.*httponly", setCookie.ToLowerInvariant());
        Assert.Contains("samesite=lax", setCookie.ToLowerInvariant(), StringComparison.Ordinal);
        var page = await first.Content.ReadAsStringAsync();

        var searched = await PostAsync(http, page, "search", ("keyword", "router"));
        Assert.Equal(HttpStatusCode.SeeOther, searched.StatusCode);
        var results = await http.GetStringAsync("/apps/order-entry");
        Assert.Equal(5, Regex.Count(results, "data-action=\"add\""));

        var addForm = results;
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(http, addForm, "add", ("productId", "10"), ("quantity", "3"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(http, addForm, "add", ("productId", "10"), ("quantity", "3"))).StatusCode);
        var after = await http.GetStringAsync("/apps/order-entry");
        Assert.Contains("data-field=\"cartLines\">1<", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_a_valid_antiforgery_token_is_refused_and_changes_nothing()
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.Gateway.BaseAddress };
        var page = await http.GetStringAsync("/apps/catalog-search");

        using var forged = await http.PostAsync("/apps/catalog-search", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = "forged",
            ["_action"] = "search",
            ["_seq"] = "1",
            ["keyword"] = "router",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("   at ", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-step=\"search\"", await http.GetStringAsync("/apps/catalog-search"), StringComparison.Ordinal);
        Assert.Contains("data-step=\"search\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_session_cookie_is_ignored_and_a_new_session_starts()
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.Gateway.BaseAddress };
        await http.GetStringAsync("/apps/catalog-search");
        var original = cookies.GetCookies(fixture.Gateway.BaseAddress)["op_session_catalog-search"]!;
        var tampered = original.Value[..^4] + (original.Value.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        cookies.Add(fixture.Gateway.BaseAddress, new Cookie("op_session_catalog-search", tampered));

        using var response = await http.GetAsync("/apps/catalog-search");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(tampered, cookies.GetCookies(fixture.Gateway.BaseAddress)["op_session_catalog-search"]!.Value);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string page, string action, params (string Name, string Value)[] inputs)
    {
        var form = FormFor().Matches(page).First(m => m.Groups["action"].Value == action).Value;
        var fields = HiddenField().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (name, value) in inputs)
        {
            fields[name] = value;
        }

        return await http.PostAsync("/apps/" + (page.Contains("order-entry", StringComparison.Ordinal) ? "order-entry" : "catalog-search"), new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<form [^>]*data-action=\"(?<action>[^\"]+)\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormFor();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenField();
}
