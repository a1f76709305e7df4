using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Grains.Health;

namespace OrleansPlatform.Gateway.Health;

/// <summary>
/// <c>GET /health</c>: 200 when a grain call through the silo (activation, turn, storage write) succeeds in time, else
/// 503. <c>GET /health/live</c>: 200 whenever this process serves HTTP, with no grain call and no write, for the
/// checks that only ask whether this Gateway is alive (HAProxy every second, a Kubernetes liveness probe): a Gateway
/// is the same as any other while the cluster cannot answer, so that is no reason to take it out or restart it.
/// </summary>
public static class HealthEndpoint
{
    /// <summary>How long the probe may take before the gateway answers 503.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            try
            {
                var result = await grains.GetGrain<IHealthProbeGrain>("gateway").Probe().WaitAsync(ProbeTimeout, cancellationToken);
                return Results.Ok(new HealthBody("Healthy", result.Silo, result.ProbeCount));
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return GatewayProblems.WithRetryAfter(
                    Results.Problem(
                        title: "The silo is not reachable.",
                        detail: exception is TimeoutException ? "The health probe grain did not answer in time." : exception.GetType().Name,
                        statusCode: StatusCodes.Status503ServiceUnavailable),
                    GatewayProblems.UnavailableRetryAfter);
            }
        })
            .WithTags("Cluster")
            .WithName("Health")
            .WithSummary("200 when a grain call through a silo, with a storage write, succeeds in time")
            .Produces<HealthBody>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        // An operator's probe, not part of the API (like /haproxy/health): left out of the OpenAPI document.
        endpoints.MapGet("/health/live", () => Results.Ok(new LiveBody("Live")))
            .WithName("Liveness")
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The healthy answer: the silo that served the probe and how many probes it has persisted.</summary>
    public sealed record HealthBody(string Status, string Silo, long Probes);

    /// <summary>The liveness answer.</summary>
    public sealed record LiveBody(string Status);
}
