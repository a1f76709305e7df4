using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.AdminAccess;

/// <summary>
/// HTTP Basic as the admin, for every operator API (the Gateway's admin API and dashboard data calls, the node agents'
/// API) and so for the CLI. A challenge is 401 problem+json with <c>WWW-Authenticate: Basic</c>; a locked-out address
/// gets 429 with <c>Retry-After</c>.
/// </summary>
internal sealed class AdminBasicAuthenticationHandler(
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
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, AdminOptions.UserName), new Claim(ClaimTypes.Role, AdminOptions.Role)], Scheme.Name);
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
            await Problem(StatusCodes.Status429TooManyRequests, "Locked out", "Too many failed sign-ins from this address; try again later.");
            return;
        }

        Response.Headers.WWWAuthenticate = "Basic realm=\"OrleansPlatform admin\", charset=\"UTF-8\"";
        await Problem(StatusCodes.Status401Unauthorized, "Authentication required", "Sign in as the admin (HTTP Basic, user 'admin').");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", "This needs the admin.");

    private Task Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(Context);
}
