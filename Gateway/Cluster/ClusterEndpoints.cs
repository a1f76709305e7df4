using Dapper;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Gateway.Cluster;

/// <summary>
/// <c>GET /api/cluster/silos</c>: every silo in Orleans' membership (dead ones too, until Orleans cleans them up), with
/// its status and activation count from Orleans' management grain and its process id from <c>platform_silos</c>.
/// </summary>
public static class ClusterEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/cluster/silos", async (IGrainFactory grains, IClusterDatabase database, CancellationToken cancellationToken) =>
        {
            var management = grains.GetGrain<IManagementGrain>(0);
            var members = await management.GetDetailedHosts(onlyActive: false, cancellationToken);
            var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
            var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active, cancellationToken);
            var activations = active.Zip(statistics, (silo, stats) => (silo, stats.ActivationCount)).ToDictionary(p => p.silo, p => p.ActivationCount);

            Dictionary<string, int> pids;
            await using (var connection = await database.OpenConnectionAsync(cancellationToken))
            {
                var rows = await connection.QueryAsync<(string SiloId, int Pid)>(new CommandDefinition(
                    "SELECT silo_id, pid FROM platform_silos", cancellationToken: cancellationToken));
                pids = rows.ToDictionary(r => r.SiloId, r => r.Pid, StringComparer.Ordinal);
            }

            return Results.Ok(members
                .Select(m => (Member: m, Id: m.SiloAddress.ToParsableString()))
                .OrderBy(m => m.Id, StringComparer.Ordinal)
                .Select(m => new SiloView(
                    m.Id,
                    m.Member.SiloAddress.Endpoint.ToString(),
                    m.Member.Status.ToString(),
                    pids.TryGetValue(m.Id, out var pid) ? pid : 0,
                    activations.TryGetValue(m.Member.SiloAddress, out var count) ? count : 0,
                    m.Member.SiloName)));
        })
            .WithTags("Cluster")
            .WithName("ListSilos")
            .WithSummary("Every silo in Orleans' membership, dead ones too, with activation counts and process ids")
            .Produces<IReadOnlyList<SiloView>>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    /// <summary>One silo in the cluster view.</summary>
    public sealed record SiloView(string Id, string Address, string Status, int Pid, int Activations, string Name);
}
