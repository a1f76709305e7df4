using OrleansPlatform.Gateway.Admin.Caches;
using OrleansPlatform.Gateway.Api;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary><c>GET /admin/api/caches</c>; <c>POST /admin/api/caches/{type}/clear</c> and <c>/reload</c> on every silo (<c>type</c> may be <c>*</c>).</summary>
internal static class CachesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/caches", async (CacheDirectory caches, CancellationToken cancellationToken) => Results.Ok(await caches.ReadAsync(cancellationToken)));
        api.MapPost("/caches/{type}/clear", (string type, CacheDirectory caches, CancellationToken cancellationToken) => ApplyAsync(type, reload: false, caches, cancellationToken));
        api.MapPost("/caches/{type}/reload", (string type, CacheDirectory caches, CancellationToken cancellationToken) => ApplyAsync(type, reload: true, caches, cancellationToken));
    }

    private static async Task<IResult> ApplyAsync(string type, bool reload, CacheDirectory caches, CancellationToken cancellationToken) =>
        await caches.ApplyAsync(type, reload, cancellationToken) is { } done
            ? Results.Ok(done)
            : GatewayProblems.Problem(StatusCodes.Status404NotFound, "Unknown cache type", $"No silo has a cache of type '{(type.Length <= 60 ? type : type[..60] + "…")}'; GET /admin/api/caches lists them, or use '*'.");
}
