using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>What a browser does on the admin console: fetch a page as HTML, and sign in with the form (its anti-forgery token included).</summary>
public static partial class AdminBrowser
{
    /// <summary>Gets the sign-in form for <paramref name="returnUrl"/>, then posts it as <c>admin</c> with <paramref name="password"/>.</summary>
    /// <returns>The answer after redirects (when the client follows them): the console page on success, the form again or an error page otherwise.</returns>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string password, string returnUrl)
    {
        var form = await GetPageAsync(browser, "/admin/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        return await browser.PostAsync("/admin/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(form),
            ["user"] = "admin",
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>The page at <paramref name="path"/> as a browser asks for it (Accept: text/html); fails on a non-success status.</summary>
    public static async Task<string> GetPageAsync(HttpClient browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await browser.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the first anti-forgery field in <paramref name="html"/>.</summary>
    public static string AntiforgeryTokenIn(string html)
    {
        var match = AntiforgeryField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no anti-forgery field.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
