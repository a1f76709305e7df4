using Microsoft.AspNetCore.DataProtection;
using OrleansPlatform.Gateway.Pages;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary>
/// The notice a console action leaves for the page it redirects to ("catalog-search is disabled."): carried in the
/// redirect's query, but protected (signed, encrypted, valid for a minute), so a crafted link cannot make the console
/// show a message of someone else's choosing.
/// </summary>
public sealed class AdminNotices(IDataProtectionProvider protection)
{
    private static readonly TimeSpan ValidFor = TimeSpan.FromMinutes(1);
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("OrleansPlatform.Admin.Notice").ToTimeLimitedDataProtector();

    /// <summary>A 303 to <paramref name="path"/> that shows <paramref name="notice"/> there.</summary>
    public IResult RedirectWith(string path, string notice) =>
        new SeeOtherResult($"{path}?notice={Uri.EscapeDataString(protector.Protect(notice, ValidFor))}");

    /// <summary>The notice of this request, or null (none, tampered with, or expired).</summary>
    public string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = request.Query["notice"].ToString();
        if (token.Length is 0 or > 4096)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(token, out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
