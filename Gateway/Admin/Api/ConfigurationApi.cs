using System.Text.Json;
using OrleansPlatform.Gateway.Admin.Configuration;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Workflows.Settings;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary>
/// <c>GET /admin/api/config</c> (the managed settings and the cluster's digest), <c>GET /admin/api/config/diff</c> (each
/// silo against the cluster), <c>PUT /admin/api/config/{key}</c> with <c>{"value":"..."}</c> and
/// <c>DELETE /admin/api/config/{key}</c>, cluster-wide or for one silo with <c>?silo=&lt;name&gt;</c>.
/// </summary>
internal static class ConfigurationApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/config", async (SettingsDirectory settings, CancellationToken cancellationToken) => Results.Ok(await settings.ReadAsync(cancellationToken)));
        api.MapGet("/config/diff", async (SettingsDirectory settings, CancellationToken cancellationToken) => Results.Ok(await settings.DriftAsync(cancellationToken)));
        api.MapPut("/config/{key}", async (string key, string? silo, HttpRequest request, SettingsDirectory settings, CancellationToken cancellationToken) =>
        {
            var (body, problem) = await RequestBodies.ReadJsonObjectAsync(request, AdminApiEndpoints.MaxBodyBytes);
            if (problem is not null)
            {
                return problem;
            }

            var value = body.TryGetProperty("value", out var element) ? element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
                _ => null,
            } : null;
            var (change, error) = await settings.SetAsync(key, value, silo, cancellationToken);
            return change is not null ? Results.Ok(change) : Invalid(key, error!);
        });
        api.MapDelete("/config/{key}", async (string key, string? silo, SettingsDirectory settings, CancellationToken cancellationToken) =>
        {
            var (change, error, notSet) = await settings.RemoveAsync(key, silo, cancellationToken);
            return change is not null ? Results.Ok(change)
                : notSet ? GatewayProblems.Problem(StatusCodes.Status404NotFound, "Not set", error!, new Dictionary<string, object?> { ["key"] = key })
                : Invalid(key, error!);
        });
    }

    private static IResult Invalid(string key, string error) =>
        PlatformSettingsCatalog.All.ContainsKey(key)
            ? GatewayProblems.Problem(StatusCodes.Status400BadRequest, "Invalid setting value", error, new Dictionary<string, object?> { ["key"] = key })
            : GatewayProblems.Problem(StatusCodes.Status400BadRequest, "Unknown setting", error, new Dictionary<string, object?> { ["key"] = key });
}
