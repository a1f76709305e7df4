using OrleansPlatform.Gateway.Admission;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary>
/// <c>GET /admin/api/admission</c>: this Gateway's admission limit now (slots and line taken, admitted and refused
/// since start). Per Gateway, not per cluster: behind a load balancer each Gateway answers for itself.
/// </summary>
internal static class AdmissionApi
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/admission", (AdmissionLimiter limiter) => Results.Ok(limiter.Snapshot()));
}
