using System.Net;
using System.Text;
using OrleansPlatform.Gateway.Pages;
using OrleansPlatform.Gateway.Users.Authentication;

namespace OrleansPlatform.Gateway.Users.SignIn;

/// <summary>The users' sign-in form, in the pages' look (<c>/assets/site.css</c>); works without JavaScript.</summary>
internal static class UserSignInPage
{
    public static string Render(string antiforgeryField, string antiforgeryToken, string returnUrl, string? user, string? signedInAs, string? error)
    {
        var html = new StringBuilder(2048);
        html.Append("<h1>Sign in</h1>");
        if (signedInAs is not null)
        {
            html.Append("<p class=\"notice\" role=\"status\">Signed in as <strong>").Append(WebUtility.HtmlEncode(signedInAs)).Append("</strong>. ")
                .Append("<a href=\"").Append(WebUtility.HtmlEncode(returnUrl)).Append("\">Continue</a></p>")
                .Append("<form method=\"post\" action=\"/sign-out\" class=\"action\">").Append(Token(antiforgeryField, antiforgeryToken))
                .Append("<button type=\"submit\" class=\"secondary\">Sign out</button></form>");
        }

        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(WebUtility.HtmlEncode(error)).Append("</p>");
        }

        return html.Append("<section class=\"card\"><form method=\"post\" action=\"").Append(UserAuthentication.SignInPath).Append("\" class=\"action with-fields\" data-form=\"sign-in\">")
            .Append(Token(antiforgeryField, antiforgeryToken))
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(WebUtility.HtmlEncode(returnUrl)).Append("\">")
            .Append("<div class=\"field\"><label for=\"user\">User name</label><input id=\"user\" name=\"user\" type=\"text\" autocomplete=\"username\" required maxlength=\"64\" value=\"")
            .Append(WebUtility.HtmlEncode(user ?? string.Empty)).Append('"').Append(user is null ? " autofocus" : string.Empty).Append("></div>")
            .Append("<div class=\"field\"><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required")
            .Append(user is null ? string.Empty : " autofocus").Append("></div>")
            .Append("<div class=\"actions\"><button type=\"submit\">Sign in</button></div></form></section>")
            .Append("<p><a href=\"/\">Applications</a></p>")
            .ToString();
    }

    private static string Token(string field, string token) =>
        "<input type=\"hidden\" name=\"" + WebUtility.HtmlEncode(field) + "\" value=\"" + WebUtility.HtmlEncode(token) + "\">";

    public static string Page(string body) => HtmlRenderer.Page("Sign in", body);
}
