namespace OrleansPlatform.Gateway.Security;

/// <summary>
/// The cache headers of a page that carries an anti-forgery token or signed-in data: exactly the values ASP.NET Core's
/// antiforgery sets itself (<c>Cache-Control: no-cache, no-store</c>, <c>Pragma: no-cache</c>). Any other value (such as
/// a bare <c>no-store</c>) makes antiforgery override it and log a warning on every such response.
/// </summary>
internal static class NoCacheHeaders
{
    /// <summary>The <c>Cache-Control</c> value.</summary>
    public const string CacheControl = "no-cache, no-store";

    /// <summary>Sets both headers on <paramref name="response"/>.</summary>
    public static void Apply(HttpResponse response)
    {
        response.Headers.CacheControl = CacheControl;
        response.Headers.Pragma = "no-cache";
    }
}
