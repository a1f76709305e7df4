using System.Security.Claims;

namespace OrleansPlatform.Gateway.Users.Authentication;

/// <summary>The principal of a signed-in user: the name and one role claim per role.</summary>
internal static class UserPrincipal
{
    public static ClaimsPrincipal For(UserView user, string scheme) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Name), .. user.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
            scheme));

    public static ClaimsPrincipal For(string name, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], scheme));
}
