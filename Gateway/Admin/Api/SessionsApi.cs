using OrleansPlatform.Gateway.Admin.Sessions;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary><c>GET /admin/api/sessions</c>: counts by application, silo and status, event counters, a timeline, the last 100 events.</summary>
internal static class SessionsApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/sessions", async (SessionDirectory sessions, CancellationToken cancellationToken) => Results.Ok(await sessions.ReadAsync(cancellationToken)));
}
