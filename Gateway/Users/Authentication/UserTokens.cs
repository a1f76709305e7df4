using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Gateway.Users.Authentication;

/// <summary>
/// Bearer tokens for the JSON API: the user name and an expiry, protected (encrypted and authenticated) with the
/// cluster's shared data protection key ring, so any Gateway accepts a token another issued and nobody can forge or
/// extend one. The expiry is read on the platform clock.
/// </summary>
internal sealed class UserTokens(
    IDataProtectionProvider protection,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    IOptionsMonitor<UserOptions> options)
{
    private const string BearerPrefix = "Bearer ";

    private readonly IDataProtector _protector = protection.CreateProtector("OrleansPlatform.Gateway.UserToken.v1");

    /// <summary>True when the request carries <c>Authorization: Bearer ...</c>.</summary>
    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The bearer token of the request, or null.</summary>
    public static string? BearerOf(HttpRequest request) =>
        HasBearer(request) ? request.Headers.Authorization.ToString()[BearerPrefix.Length..].Trim() : null;

    /// <summary>A token for <paramref name="user"/> and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(string user)
    {
        var expires = time.GetUtcNow() + options.CurrentValue.TokenLifetime;
        return (_protector.Protect(expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "|" + user), expires);
    }

    /// <summary>The user a token was issued to, or null when it is malformed, forged, sealed with an unknown key or expired.</summary>
    public string? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var separator = payload.IndexOf('|', StringComparison.Ordinal);
        if (separator <= 0
            || !long.TryParse(payload.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs)
            || time.GetUtcNow().ToUnixTimeMilliseconds() >= expiresMs)
        {
            return null;
        }

        var user = payload[(separator + 1)..];
        return UserNames.IsValid(user) ? user : null;
    }
}
