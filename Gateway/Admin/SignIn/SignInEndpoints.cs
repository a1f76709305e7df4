using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OrleansPlatform.AdminAccess;
using OrleansPlatform.Gateway.Admin.Authentication;
using OrleansPlatform.Gateway.Admin.Console;
using OrleansPlatform.Gateway.Pages;
using OrleansPlatform.Gateway.Security;

namespace OrleansPlatform.Gateway.Admin.SignIn;

/// <summary>
/// <c>GET/POST /admin/sign-in</c> (the form; anti-forgery checked; failures count towards the lockout of the address)
/// and <c>POST /admin/sign-out</c>. After signing in the browser goes back to where it was sent from, if that is a page
/// of this site.
/// </summary>
public static class SignInEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAdminSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AdminAuthentication.SignInPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Render(context, antiforgery, LocalOrDefault(returnUrl), error: null, StatusCodes.Status200OK));
        endpoints.MapPost(AdminAuthentication.SignInPath, SignInAsync);
        endpoints.MapPost("/admin/sign-out", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await IsValidFormAsync(context, antiforgery))
            {
                return AppPages.ErrorPage(StatusCodes.Status400BadRequest, "Form expired", "Reload the page and try again.");
            }

            await context.SignOutAsync(AdminAuthentication.CookieScheme);
            return new SeeOtherResult(AdminAuthentication.SignInPath);
        });
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, AdminSignInGuard guard)
    {
        if (!await IsValidFormAsync(context, antiforgery))
        {
            return Render(context, antiforgery, "/admin", "The form expired; please sign in again.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalOrDefault(form["returnUrl"]);
        switch (guard.Check(context.Connection.RemoteIpAddress, form["user"], form["password"], out var retryAfter))
        {
            case AdminSignInGuard.Outcome.Accepted:
                var identity = new ClaimsIdentity(
                    [new Claim(ClaimTypes.Name, AdminOptions.UserName), new Claim(ClaimTypes.Role, AdminAuthentication.Role)],
                    AdminAuthentication.CookieScheme);
                await context.SignInAsync(AdminAuthentication.CookieScheme, new ClaimsPrincipal(identity));
                return new SeeOtherResult(returnUrl);
            case AdminSignInGuard.Outcome.LockedOut:
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Render(context, antiforgery, returnUrl,
                    $"Too many failed sign-ins from your address: locked out for {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes))} more minute(s).",
                    StatusCodes.Status429TooManyRequests);
            case AdminSignInGuard.Outcome.Disabled:
                return Render(context, antiforgery, returnUrl, "Admin sign-in is off: no admin password is configured (Admin:Password).", StatusCodes.Status503ServiceUnavailable);
            default:
                return Render(context, antiforgery, returnUrl, "Wrong user name or password.", StatusCodes.Status401Unauthorized);
        }
    }

    // ASP.NET Core's own check (false instead of an exception for a missing or forged token).
    private static async Task<bool> IsValidFormAsync(HttpContext context, IAntiforgery antiforgery) =>
        context.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context);

    private static IResult Render(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        NoCacheHeaders.Apply(context.Response);
        return Results.Content(SignInPage.Render(new AdminForm(tokens.FormFieldName, tokens.RequestToken ?? string.Empty), returnUrl, error), "text/html; charset=utf-8", statusCode: status);
    }

    // Only a path of this site ("/admin/silos"), never "//evil.example" or "/\evil.example": no open redirect.
    private static string LocalOrDefault(string? returnUrl) =>
        returnUrl is { Length: > 1 and <= 2048 } url && url[0] == '/' && url[1] is not ('/' or '\\') && !url.Contains("://", StringComparison.Ordinal) ? url : "/admin";
}
