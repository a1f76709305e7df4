using System.Text;
using OrleansPlatform.Gateway.Admin.Console;

namespace OrleansPlatform.Gateway.Admin.SignIn;

/// <summary>The sign-in form of the admin console.</summary>
internal static class SignInPage
{
    public static string Render(AdminForm form, string returnUrl, string? error)
    {
        var html = new StringBuilder(2048);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Sign in · OrleansPlatform admin</title><style>body{font-family:system-ui,sans-serif;background:#f7f8fb;color:#1d2330;margin:0}")
            .Append("main{max-width:22rem;margin:4rem auto;background:#fff;border:1px solid #d5d9e3;padding:1.2rem 1.5rem}label{display:block;margin:.7rem 0 .2rem}")
            .Append("input{width:100%;padding:.4rem;box-sizing:border-box}button{margin-top:1rem;padding:.45rem 1.2rem}")
            .Append(".error{background:#fdecea;border:1px solid #f3a5a0;padding:.5rem .8rem;color:#a4161a;font-weight:600}</style></head><body><main>")
            .Append("<h1>OrleansPlatform admin</h1>");
        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(AdminHtml.E(error)).Append("</p>");
        }

        return html.Append("<form method=\"post\" action=\"/admin/sign-in\">").Append(form.Field())
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(AdminHtml.E(returnUrl)).Append("\">")
            .Append("<label for=\"user\">User</label><input id=\"user\" name=\"user\" type=\"text\" value=\"admin\" autocomplete=\"username\" required>")
            .Append("<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required autofocus>")
            .Append("<button type=\"submit\">Sign in</button></form></main></body></html>")
            .ToString();
    }
}
