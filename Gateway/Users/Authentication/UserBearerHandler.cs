using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Gateway.Users.Authentication;

/// <summary>
/// <c>Authorization: Bearer</c> with a token of <see cref="UserTokens"/>: the user, with the roles the directory holds
/// now; a disabled user's token stops working at once. A challenge is 401 with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal sealed class UserBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UserTokens tokens,
    IUserDirectory users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!UserTokens.HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        if (tokens.Read(UserTokens.BearerOf(Request)) is not { } name)
        {
            return AuthenticateResult.Fail("The bearer token is not valid or has expired.");
        }

        var user = await users.FindAsync(name, Context.RequestAborted);
        if (user is null || user.Disabled)
        {
            return AuthenticateResult.Fail("The bearer token's user is unknown or disabled.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(UserPrincipal.For(user, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
