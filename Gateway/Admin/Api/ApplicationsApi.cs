using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Grains.Applications;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary>
/// <c>GET /admin/api/apps</c>, <c>POST /admin/api/apps/{app}/disable</c> with <c>{"mode":"immediate"|"graceful"}</c>,
/// <c>POST /admin/api/apps/{app}/enable</c>.
/// </summary>
internal static class ApplicationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/apps", async (IGrainFactory grains) => Results.Ok(await Admin(grains).Overview()));
        api.MapPost("/apps/{app}/disable", async (string app, HttpRequest request, IGrainFactory grains) =>
        {
            var (body, problem) = await RequestBodies.ReadJsonObjectAsync(request, AdminApiEndpoints.MaxBodyBytes);
            if (problem is not null)
            {
                return problem;
            }

            var mode = body.TryGetProperty("mode", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
            return mode switch
            {
                "immediate" => Results.Ok(await Admin(grains).Disable(app, graceful: false)),
                "graceful" => Results.Ok(await Admin(grains).Disable(app, graceful: true)),
                _ => GatewayProblems.Problem(StatusCodes.Status400BadRequest, "Invalid mode", "mode must be \"immediate\" or \"graceful\".", new Dictionary<string, object?> { ["field"] = "mode" }),
            };
        });
        api.MapPost("/apps/{app}/enable", async (string app, IGrainFactory grains) => Results.Ok(await Admin(grains).Enable(app)));
    }

    private static IApplicationAdminGrain Admin(IGrainFactory grains) => grains.GetGrain<IApplicationAdminGrain>("admin");
}
