using Microsoft.AspNetCore.DataProtection;

namespace OrleansPlatform.Gateway.Sessions;

/// <summary>
/// The browser's session cookie, one per application: the session id, protected (encrypted and authenticated) with
/// the shared data protection key ring, so it cannot be read, forged or altered unnoticed, and any Gateway accepts it.
/// HttpOnly, SameSite=Lax, Secure under HTTPS.
/// </summary>
public sealed class SessionCookies(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("OrleansPlatform.Gateway.SessionCookie.v1");

    /// <summary>The cookie name for an application.</summary>
    public static string NameFor(string applicationId) => "op_session_" + applicationId;

    /// <summary>The session id in the request's cookie for the application, when present and intact.</summary>
    public string? Read(HttpRequest request, string applicationId)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Cookies.TryGetValue(NameFor(applicationId), out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var payload = _protector.Unprotect(value);
            var separator = payload.IndexOf('|', StringComparison.Ordinal);
            return separator > 0 && payload[..separator] == applicationId && SessionIds.IsWellFormed(payload[(separator + 1)..])
                ? payload[(separator + 1)..]
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Sets the cookie for the application's session.</summary>
    public void Write(HttpResponse response, string applicationId, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(NameFor(applicationId), _protector.Protect(applicationId + "|" + sessionId), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
    }

    /// <summary>Removes the cookie.</summary>
    public static void Clear(HttpResponse response, string applicationId)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(NameFor(applicationId), new CookieOptions { Path = "/" });
    }
}
