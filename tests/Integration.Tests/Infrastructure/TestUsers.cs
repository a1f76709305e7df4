using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>
/// Users of the applications for tests that use one that needs sign-in (order-entry): a user added straight to the
/// Gateway's database (<c>app_users</c>, with Identity's password hash, as <c>oplat users add</c> stores it; the Gateway
/// must have started, so the table exists), then a bearer token (<c>POST /api/auth/token</c>) or a signed-in browser
/// (the <c>/sign-in</c> form).
/// </summary>
public static partial class TestUsers
{
    /// <summary>Every test user's password.</summary>
    public const string Password = "test-user-password-7b3d";

    private static readonly PasswordHasher<string> s_hasher = new();

    /// <summary>Adds a user (a new unique name unless <paramref name="name"/> is given); returns the name.</summary>
    public static async Task<string> AddAsync(TestDatabase database, string? name = null, IReadOnlyList<string>? roles = null, bool disabled = false)
    {
        ArgumentNullException.ThrowIfNull(database);
        name ??= "user-" + Guid.NewGuid().ToString("N")[..12];
        await using var services = database.BuildServices();
        await using var connection = await services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            "INSERT INTO app_users (name, password_hash, roles, disabled, failed_count, created_at_ms) VALUES (@Name, @Hash, @Roles, @Disabled, 0, @Now)",
            new { Name = name, Hash = s_hasher.HashPassword(name, Password), Roles = string.Join(',', roles ?? []), Disabled = disabled, Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
        return name;
    }

    /// <summary>A bearer token for the user from <paramref name="gateway"/>.</summary>
    public static async Task<string> TokenAsync(Uri gateway, string name, string password = Password)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { user = name, password });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /api/auth/token for {name} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Adds a user and makes <paramref name="http"/> send its bearer token on every request; returns the user name.</summary>
    public static async Task<string> AuthorizeAsync(HttpClient http, TestDatabase database, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        name = await AddAsync(database, name);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http.BaseAddress!, name));
        return name;
    }

    /// <summary>A client of <paramref name="gateway"/> signed in as a new user with a bearer token.</summary>
    public static async Task<HttpClient> BearerClientAsync(Uri gateway, TestDatabase database)
    {
        var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        await AuthorizeAsync(http, database);
        return http;
    }

    /// <summary>Signs the browser (a client with a cookie container) in through the <c>/sign-in</c> form; asserts the redirect.</summary>
    public static async Task SignInAsync(HttpClient browser, string name, string password = Password, string returnUrl = "/")
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var response = await PostSignInAsync(browser, name, password, returnUrl);
        Assert.True(response.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.OK, $"sign-in of {name} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("role=\"alert\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Posts the <c>/sign-in</c> form (with its anti-forgery token) and gives the answer.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string name, string password, string returnUrl = "/")
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.GetStringAsync("/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var token = Antiforgery().Match(page);
        Assert.True(token.Success, "the sign-in page has no anti-forgery field");
        return await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["returnUrl"] = returnUrl,
            ["user"] = name,
            ["password"] = password,
        }));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex Antiforgery();
}
