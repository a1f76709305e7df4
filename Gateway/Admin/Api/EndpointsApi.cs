using OrleansPlatform.Gateway.Admin.Endpoints;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary><c>GET /admin/api/endpoints</c>: every endpoint this Gateway serves, with who may call it.</summary>
internal static class EndpointsApi
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/endpoints", (EndpointInventory inventory) => Results.Ok(inventory.List()));
}
