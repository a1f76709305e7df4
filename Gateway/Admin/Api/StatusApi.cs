using OrleansPlatform.Gateway.Admin.Silos;
using OrleansPlatform.Grains.Applications;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary><c>GET /admin/api/status</c>: the cluster at a glance.</summary>
internal static class StatusApi
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/status", async (IGrainFactory grains, SiloDirectory silos, IConfiguration configuration, CancellationToken cancellationToken) =>
    {
        var overview = await silos.ReadAsync(cancellationToken);
        var applications = await grains.GetGrain<IApplicationAdminGrain>("admin").Overview();
        return Results.Ok(new ClusterStatus(
            string.Equals(configuration["Gateway:Mode"], "Cluster", StringComparison.OrdinalIgnoreCase) ? "cluster" : "embedded",
            configuration["Database:Provider"] ?? "Sqlite",
            overview.ClusterDigest,
            overview.Active,
            overview.Silos.Count(s => s.Status == "Active" && !s.DigestMatchesCluster),
            applications.Select(a => new ApplicationStatus(a.Id, a.State, a.LiveSessions)).ToList(),
            applications.Sum(a => a.LiveSessions)));
    });

    /// <summary>The answer.</summary>
    public sealed record ClusterStatus(string Mode, string Database, string ClusterDigest, int ActiveSilos, int SilosWithDrift, IReadOnlyList<ApplicationStatus> Applications, int LiveSessions);

    /// <summary>One application in the status.</summary>
    public sealed record ApplicationStatus(string Id, Workflows.Registry.ApplicationState State, int LiveSessions);
}
