using OrleansPlatform.Gateway.Admin.Silos;
using OrleansPlatform.Gateway.Api;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary><c>GET /admin/api/silos</c> (silos, cluster digest, membership history); <c>POST /admin/api/silos/{id}/drain</c>.</summary>
internal static class SilosApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/silos", async (SiloDirectory silos, CancellationToken cancellationToken) => Results.Ok(await silos.ReadAsync(cancellationToken)));
        api.MapPost("/silos/{id}/drain", async (string id, SiloDirectory silos, CancellationToken cancellationToken) =>
            await silos.DrainAsync(id, cancellationToken) switch
            {
                DrainOutcome.Draining => Results.Accepted(value: new { id, status = "draining" }),
                DrainOutcome.LastSilo => GatewayProblems.Problem(StatusCodes.Status409Conflict, "Last silo", "It is the only active silo: its sessions would have nowhere to go. Start another silo first."),
                _ => GatewayProblems.Problem(StatusCodes.Status404NotFound, "Unknown silo", "No active silo has that id (address:port@generation, as GET /admin/api/silos lists it)."),
            });
    }
}
