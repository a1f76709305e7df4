using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OrleansPlatform.Gateway.Api;

namespace OrleansPlatform.Gateway.Admin.Authentication;

/// <summary>
/// HTTP Basic for the admin JSON API, the dashboard's data calls and the CLI. A challenge is 401 problem+json with
/// <c>WWW-Authenticate: Basic</c>; a locked-out address gets 429 with <c>Retry-After</c>.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    AdminSignInGuard guard) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    private const string LockedOutKey = "orleansplatform.admin.locked-out";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Basic credentials are not base64."));
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var (user, password) = colon < 0 ? (decoded, string.Empty) : (decoded[..colon], decoded[(colon + 1)..]);
        switch (guard.Check(Context.Connection.RemoteIpAddress, user, password, out var retryAfter))
        {
            case AdminSignInGuard.Outcome.Accepted:
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, AdminOptions.UserName), new Claim(ClaimTypes.Role, AdminAuthentication.Role)], Scheme.Name);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
            case AdminSignInGuard.Outcome.LockedOut:
                Context.Items[LockedOutKey] = retryAfter;
                return Task.FromResult(AuthenticateResult.Fail("Too many failed sign-ins from this address."));
            default:
                return Task.FromResult(AuthenticateResult.Fail("Wrong user name or password."));
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.TryGetValue(LockedOutKey, out var value) && value is TimeSpan retryAfter)
        {
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await GatewayProblems.Problem(StatusCodes.Status429TooManyRequests, "Locked out", "Too many failed sign-ins from this address; try again later.").ExecuteAsync(Context);
            return;
        }

        Response.Headers.WWWAuthenticate = "Basic realm=\"OrleansPlatform admin\", charset=\"UTF-8\"";
        await GatewayProblems.Problem(StatusCodes.Status401Unauthorized, "Authentication required", "Sign in as the admin (HTTP Basic, user 'admin').").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        GatewayProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", "This needs the admin.").ExecuteAsync(Context);
}
