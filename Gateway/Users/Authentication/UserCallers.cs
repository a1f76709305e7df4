using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using OrleansPlatform.Grains.Sessions;

namespace OrleansPlatform.Gateway.Users.Authentication;

/// <summary>Who a page or API request comes from, as the session grains are told (<see cref="SessionCaller"/>).</summary>
public static class UserCallers
{
    /// <summary>
    /// The signed-in user of the request (bearer token or sign-in cookie), or anonymous. <c>InvalidCredential</c> is true
    /// when the request presented a bearer token that is not accepted (expired, forged, its user disabled): the API
    /// answers 401 rather than treating it as anonymous.
    /// </summary>
    public static async Task<(SessionCaller Caller, bool InvalidCredential)> ResolveAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.AuthenticateAsync(UserAuthentication.Scheme);
        if (result.Succeeded && result.Principal.Identity?.Name is { Length: > 0 } name)
        {
            var roles = result.Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
            return (new SessionCaller(name, roles), false);
        }

        return (SessionCaller.Anonymous, result.Failure is not null && UserTokens.HasBearer(context.Request));
    }
}
