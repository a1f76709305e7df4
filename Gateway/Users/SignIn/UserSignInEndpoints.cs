using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Gateway.Security;
using OrleansPlatform.Gateway.Users.Authentication;

namespace OrleansPlatform.Gateway.Users.SignIn;

/// <summary>
/// The applications' users sign in: <c>GET/POST /sign-in</c> (the form, anti-forgery checked; then back to the page that
/// asked, if it is a page of this site), <c>POST /sign-out</c>, and <c>POST /api/auth/token</c> (a bearer token for the
/// JSON API). A refusal never says whether the name exists (<see cref="SignInMessages"/>); a password is never logged,
/// stored or echoed.
/// </summary>
public static class UserSignInEndpoints
{
    /// <summary>Largest accepted token request body.</summary>
    public const int MaxTokenBodyBytes = 4 * 1024;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapUserSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(UserAuthentication.SignInPath, async (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        {
            var (caller, _) = await UserCallers.ResolveAsync(context);
            return Render(context, antiforgery, LocalOrDefault(returnUrl), user: null, caller.User, error: null, StatusCodes.Status200OK);
        });
        endpoints.MapPost(UserAuthentication.SignInPath, SignInAsync);
        endpoints.MapPost("/sign-out", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await IsValidFormAsync(context, antiforgery))
            {
                return Pages.AppPages.ErrorPage(StatusCodes.Status400BadRequest, "Form expired", "Reload the page and try again.");
            }

            await context.SignOutAsync(UserAuthentication.CookieScheme);
            return new Pages.SeeOtherResult("/");
        });
        endpoints.MapPost("/api/auth/token", TokenAsync)
            .WithTags("Authentication")
            .WithName("IssueToken")
            .WithSummary("Signs a user in and returns a bearer token for the JSON API")
            .WithDescription("Send the token as 'Authorization: Bearer {token}' on the session API until expiresAt; any Gateway of the cluster accepts it. "
                + "401 for an unknown user, a wrong password or a user name locked after repeated failures (the same answer for each); "
                + "403 for a disabled user (told only with the right password); 400 for a malformed body.")
            .Accepts<TokenRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, IUserDirectory users, IOptionsMonitor<UserOptions> options)
    {
        if (!await IsValidFormAsync(context, antiforgery))
        {
            return Render(context, antiforgery, "/", user: null, signedInAs: null, "The form expired; please sign in again.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalOrDefault(form["returnUrl"]);
        var name = form["user"].ToString();
        var result = await users.SignInAsync(name, form["password"].ToString(), context.RequestAborted);
        switch (result.Outcome)
        {
            case SignInOutcome.Accepted:
                await context.SignInAsync(UserAuthentication.CookieScheme, UserPrincipal.For(result.User!, UserAuthentication.CookieScheme));
                return new Pages.SeeOtherResult(returnUrl);
            case SignInOutcome.Disabled:
                return Render(context, antiforgery, returnUrl, name, signedInAs: null, SignInMessages.DisabledDetail, StatusCodes.Status403Forbidden);
            default:
                return Render(context, antiforgery, returnUrl, UserNames.IsValid(name) ? name : null, signedInAs: null, SignInMessages.RefusedDetail(options), StatusCodes.Status401Unauthorized);
        }
    }

    private static async Task<IResult> TokenAsync(HttpRequest request, IUserDirectory users, UserTokens tokens, IOptionsMonitor<UserOptions> options)
    {
        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return GatewayProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json.");
        }

        var (body, tooLarge) = await RequestBodies.ReadBoundedAsync(request, MaxTokenBodyBytes);
        if (tooLarge)
        {
            return GatewayProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A token request may be at most {MaxTokenBodyBytes} bytes.");
        }

        if (!TryParse(body, out var user, out var password))
        {
            return GatewayProblems.Problem(StatusCodes.Status400BadRequest, "Invalid token request", "Send {\"user\": \"...\", \"password\": \"...\"}, both non-empty strings.");
        }

        var result = await users.SignInAsync(user, password, request.HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case SignInOutcome.Accepted:
                var (token, expiresAt) = tokens.Issue(result.User!.Name);
                NoCacheHeaders.Apply(request.HttpContext.Response);
                return Results.Ok(new TokenResponse(token, expiresAt));
            case SignInOutcome.Disabled:
                return GatewayProblems.Problem(StatusCodes.Status403Forbidden, "User disabled", SignInMessages.DisabledDetail);
            default:
                request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
                return GatewayProblems.Problem(StatusCodes.Status401Unauthorized, "Sign-in failed", SignInMessages.RefusedDetail(options));
        }
    }

    private static bool TryParse(byte[] body, out string user, out string password)
    {
        (user, password) = (string.Empty, string.Empty);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.String
                && document.RootElement.TryGetProperty("password", out var p) && p.ValueKind == JsonValueKind.String)
            {
                (user, password) = (u.GetString()!, p.GetString()!);
                return user.Length > 0 && password.Length > 0;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    // ASP.NET Core's own check (false instead of an exception for a missing or forged token).
    private static async Task<bool> IsValidFormAsync(HttpContext context, IAntiforgery antiforgery) =>
        context.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context);

    private static IResult Render(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? user, string? signedInAs, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        NoCacheHeaders.Apply(context.Response);
        var body = UserSignInPage.Render(tokens.FormFieldName, tokens.RequestToken ?? string.Empty, returnUrl, user, signedInAs, error);
        return Results.Content(UserSignInPage.Page(body), "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>The sign-in page's address that brings the browser back to <paramref name="returnUrl"/> afterwards.</summary>
    public static string SignInUrl(string returnUrl) =>
        UserAuthentication.SignInPath + "?returnUrl=" + Uri.EscapeDataString(LocalOrDefault(returnUrl));

    // Only a path of this site ("/apps/order-entry"), never "//evil.example" or "/\evil.example": no open redirect.
    private static string LocalOrDefault(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2048 } url && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : "/";
}
