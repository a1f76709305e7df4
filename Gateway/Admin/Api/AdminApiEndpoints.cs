using OrleansPlatform.Gateway.Admin.Authentication;
using OrleansPlatform.Gateway.Api;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary>
/// The admin JSON API under <c>/admin/api</c>, for the CLI, scripts and tests (the console renders the same data).
/// HTTP Basic as the admin; without it 401. Errors are problem+json: 400 (naming what was wrong), 404 unknown
/// application, silo, cache type or setting, 409 refused (e.g. draining the last silo), 503 when the cluster cannot answer.
/// </summary>
public static class AdminApiEndpoints
{
    /// <summary>Largest accepted request body.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Maps the API.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/admin/api").RequireAuthorization(AdminAuthentication.Policy);
        api.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception exception) when (GatewayProblems.From(exception) is { } problem)
            {
                return problem;
            }
        });
        StatusApi.Map(api);
        ApplicationsApi.Map(api);
        CachesApi.Map(api);
        SilosApi.Map(api);
        ConfigurationApi.Map(api);
        LocksApi.Map(api);
        SessionsApi.Map(api);
        AdmissionApi.Map(api);
        EndpointsApi.Map(api);
        UsersApi.Map(api);
        api.MapFallback(() => GatewayProblems.Problem(StatusCodes.Status404NotFound, "Not found", "There is no such admin API endpoint; see README, Operations."));
        return endpoints;
    }
}
