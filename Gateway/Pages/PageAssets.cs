using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace OrleansPlatform.Gateway.Pages;

/// <summary>
/// The pages' stylesheet (<c>/assets/site.css</c>) and icon (<c>/favicon.svg</c>; <c>/favicon.ico</c>, which browsers
/// ask for unprompted, redirects to it). Both are embedded in the Gateway and named by a hash of their content: pages
/// link <c>?v=hash</c>, so the files may be cached for a year and a changed file is a new URL.
/// </summary>
public static class PageAssets
{
    /// <summary>The stylesheet's path.</summary>
    public const string StylesheetPath = "/assets/site.css";

    /// <summary>The icon's path.</summary>
    public const string IconPath = "/favicon.svg";

    private const string CacheForever = "public, max-age=31536000, immutable";

    private static readonly Asset s_stylesheet = Asset.Load("site.css", "text/css; charset=utf-8");
    private static readonly Asset s_icon = Asset.Load("favicon.svg", "image/svg+xml");

    /// <summary>The stylesheet's URL as pages link it (with its version).</summary>
    public static string StylesheetUrl => StylesheetPath + "?v=" + s_stylesheet.Version;

    /// <summary>The icon's URL as pages link it (with its version).</summary>
    public static string IconUrl => IconPath + "?v=" + s_icon.Version;

    /// <summary>Maps the assets.</summary>
    public static IEndpointRouteBuilder MapPageAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StylesheetPath, (HttpContext context) => s_stylesheet.Serve(context));
        endpoints.MapGet(IconPath, (HttpContext context) => s_icon.Serve(context));
        endpoints.MapGet("/favicon.ico", () => Results.Redirect(IconUrl, permanent: true));
        return endpoints;
    }

    private sealed record Asset(byte[] Content, string ContentType, string Version)
    {
        public static Asset Load(string name, string contentType)
        {
            using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("assets/" + name)
                ?? throw new InvalidOperationException($"The Gateway is built without its asset '{name}'.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            return new Asset(content, contentType, Convert.ToHexStringLower(SHA256.HashData(content))[..12]);
        }

        public IResult Serve(HttpContext context)
        {
            var etag = new EntityTagHeaderValue($"\"{Version}\"");
            context.Response.Headers.CacheControl = CacheForever;
            context.Response.Headers.ETag = etag.ToString();
            if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(Content, ContentType);
        }
    }
}
