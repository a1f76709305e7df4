namespace OrleansPlatform.Gateway.Cluster;

/// <summary>
/// <c>GET /api/cluster/silos</c>, open to anyone: every silo in Orleans' membership (dead ones too, until Orleans
/// cleans them up) with its status and activation count, and nothing that locates or identifies a process. Names,
/// addresses and pids are for the admin (<c>GET /admin/api/silos</c>): a silo's default name carries its host name
/// and pid, and its address is where the cluster's own traffic goes.
/// </summary>
public static class ClusterEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/cluster/silos", async (IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            var management = grains.GetGrain<IManagementGrain>(0);
            var members = await management.GetDetailedHosts(onlyActive: false, cancellationToken);
            var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
            // Grain activations by type, summed per silo: the count the admin console and the Orleans Dashboard show.
            var statistics = active.Length == 0 ? [] : await management.GetSimpleGrainStatistics(active, cancellationToken);
            var activations = statistics.GroupBy(s => s.SiloAddress).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));

            // Active ones first, then by activations: a stable order that says nothing about addresses.
            return Results.Ok(members
                .Select(m => new SiloView(m.Status.ToString(), activations.TryGetValue(m.SiloAddress, out var count) ? count : 0))
                .OrderBy(s => s.Status == nameof(SiloStatus.Active) ? 0 : 1)
                .ThenByDescending(s => s.Activations)
                .ThenBy(s => s.Status, StringComparer.Ordinal)
                .ToList());
        })
            .WithTags("Cluster")
            .WithName("ListSilos")
            .WithSummary("Every silo in Orleans' membership, dead ones too, with its status and activation count (names, addresses and pids: GET /admin/api/silos)")
            .Produces<IReadOnlyList<SiloView>>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    /// <summary>One silo in the public cluster view.</summary>
    /// <param name="Status">Orleans' membership status (Active, ShuttingDown, Dead, ...).</param>
    /// <param name="Activations">Grain activations on it now, summed over grain types from Orleans' grain statistics (0 unless active).</param>
    public sealed record SiloView(string Status, int Activations);
}
