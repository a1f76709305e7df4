using OrleansPlatform.Gateway.Pages;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Gateway.Api;

/// <summary>
/// <c>GET /api/apps</c>: the applications a client may start sessions of, with their versions and states. Anonymous,
/// like the home page that shows the same list; 503 (problem+json) when the cluster cannot answer.
/// </summary>
public static class ApplicationApiEndpoints
{
    /// <summary>Maps the API.</summary>
    public static IEndpointRouteBuilder MapApplicationApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/apps", ListAsync)
            .WithTags("Applications")
            .WithName("ListApplications")
            .WithSummary("The applications, with their versions and states")
            .WithDescription("Each application's id, title, description, newest version (what a new session starts on), every registered version (a session keeps the version it started on) and state: enabled, draining (no new sessions) or disabled.")
            .Produces<IReadOnlyList<ApplicationBody>>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        try
        {
            var applications = await grains.GetGrain<IApplicationRegistryGrain>(HomePage.RegistryKey).List();
            return Results.Ok(applications.Select(a => new ApplicationBody(a.Id, a.Title, a.Description, a.Version, a.Versions, a.State)).ToList());
        }
        catch (Exception exception) when (GatewayProblems.From(exception) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>One application in the list.</summary>
    public sealed record ApplicationBody(string Id, string Title, string Description, string Version, IReadOnlyList<string> Versions, ApplicationState State);
}
