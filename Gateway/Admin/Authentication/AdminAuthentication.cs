using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OrleansPlatform.AdminAccess;

namespace OrleansPlatform.Gateway.Admin.Authentication;

/// <summary>
/// Who may use the admin surfaces (<c>/admin*</c>, <c>/dashboard*</c>): the admin, signed in with the cookie form (pages)
/// or with HTTP Basic (API, CLI). Without credentials a page request is redirected to the sign-in page and anything else
/// gets 401.
/// </summary>
public static class AdminAuthentication
{
    /// <summary>The authorization policy of every admin endpoint.</summary>
    public const string Policy = "orleansplatform-admin";

    /// <summary>The role claim of the admin.</summary>
    public const string Role = AdminOptions.Role;

    /// <summary>The policy scheme that picks the cookie or Basic per request.</summary>
    public const string Scheme = "admin";

    /// <summary>The cookie scheme (the sign-in form).</summary>
    public const string CookieScheme = "admin-cookie";

    /// <summary>The HTTP Basic scheme.</summary>
    public const string BasicScheme = "admin-basic";

    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/admin/sign-in";

    /// <summary>Registers the schemes, the policy, the options (section <c>Admin</c>) and the sign-in guard.</summary>
    public static IServiceCollection AddAdminAuthentication(this IServiceCollection services)
    {
        services.AddAdminCredentials();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Admin", policy => policy.ForwardDefaultSelector = context => WantsPage(context) ? CookieScheme : BasicScheme)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "op_admin";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = "/";
                cookie.LoginPath = SignInPath;
                cookie.AccessDeniedPath = SignInPath;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;

                // A page gets the sign-in form; a data call of the dashboard whose cookie has expired gets 401, not HTML.
                cookie.Events.OnRedirectToLogin = context =>
                {
                    if (AcceptsHtml(context.Request))
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }
                    else
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }

                    return Task.CompletedTask;
                };
            })
            .AddAdminBasic(BasicScheme);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(Role));
        return services;
    }

    // A browser asking for a page (not the JSON API, not the dashboard's data calls) and not presenting Basic credentials.
    private static bool WantsPage(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0 || context.Request.Path.StartsWithSegments("/admin/api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (context.Request.Cookies.ContainsKey("op_admin"))
        {
            return true;
        }

        return AcceptsHtml(context.Request);
    }

    private static bool AcceptsHtml(HttpRequest request) => request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
