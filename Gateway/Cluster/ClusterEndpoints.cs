using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Gateway.Cluster;

/// <summary><c>GET /api/cluster/silos</c>: the silos of the cluster as membership shows them.</summary>
public static class ClusterEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/cluster/silos", async (IMembershipView membership, CancellationToken cancellationToken) =>
        {
            var snapshot = await membership.RefreshAsync(cancellationToken);
            return Results.Ok(snapshot.Silos
                .OrderBy(s => s.Address.Id, StringComparer.Ordinal)
                .Select(s => new SiloView(s.Address.Id, $"{s.Address.Host}:{s.Address.Port}", s.Status.ToString(), s.ProcessId, s.Load.Activations, s.Name)));
        });
        return endpoints;
    }

    /// <summary>One silo in the cluster view.</summary>
    public sealed record SiloView(string Id, string Address, string Status, int Pid, int Activations, string Name);
}
