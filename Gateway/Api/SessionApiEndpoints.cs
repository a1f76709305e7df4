using OrleansPlatform.Gateway.Sessions;
using OrleansPlatform.Gateway.Users.Authentication;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Views;

namespace OrleansPlatform.Gateway.Api;

/// <summary>
/// The JSON API: the same sessions as the pages, for programs and tests. A signed-in user sends
/// <c>Authorization: Bearer {token}</c> (from <c>POST /api/auth/token</c>) or the sign-in cookie. Errors are problem+json:
/// 400 malformed or invalid input (naming the field), 401 an application or session that needs a signed-in user (or a
/// bearer token that is not accepted), 403 a missing role, 404 unknown application or session (another user's session
/// too, so ids cannot be probed), 409 stale seq, 410 expired session, 413 body
/// too large, 415 not JSON, 503 with Retry-After when the cluster is busy.
/// </summary>
public static class SessionApiEndpoints
{
    /// <summary>Largest accepted action body.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Maps the API.</summary>
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder endpoints)
    {
        // The metadata below is the OpenAPI contract (/openapi/v1.json): every status a handler can answer, with its body.
        var api = endpoints.MapGroup("/api").WithTags("Sessions");
        api.MapPost("/apps/{app}/sessions", StartAsync)
            .WithName("StartSession")
            .WithSummary("Starts a session of an application")
            .WithDescription("201 with the session id, seq 0 and the first view; Location names the session; a signed-in caller owns it (only they may use it). 401 when the application needs a signed-in user, 403 when the user lacks one of its roles, 404 for an unknown application, 503 (Retry-After) when the application is disabled or every silo is full.")
            .Produces<SessionBody>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/sessions/{id}", GetAsync)
            .WithName("GetSession")
            .WithSummary("The session's last seq and current view")
            .Produces<SessionBody>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/sessions/{id}/actions", InteractAsync)
            .WithName("SendAction")
            .WithSummary("Sends one of the view's actions with the next seq")
            .WithDescription("seq is one more than the last answered seq; the same seq again replays the last answer (so a retry after a 503 or a lost answer applies once). "
                + "400 names the invalid field; 409 a stale seq (expectedSeq); 410 an expired session (with the expired view); 413 a body over 64 KiB; 415 a body that is not JSON.")
            .Accepts<ActionRequestBody>("application/json")
            .Produces<SessionBody>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapDelete("/sessions/{id}", EndAsync)
            .WithName("EndSession")
            .WithSummary("Ends the session")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<IResult> StartAsync(string app, HttpContext context, SessionClient sessions)
    {
        if (!ApplicationIds.IsWellFormed(app))
        {
            return GatewayProblems.Problem(StatusCodes.Status404NotFound, "Unknown application", $"There is no application '{Truncate(app)}'.");
        }


        var sessionId = SessionIds.New();
        return await CallAsync(context, async caller => Results.Created($"/api/sessions/{sessionId}", Body(await sessions.StartAsync(sessionId, app, caller))));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, SessionClient sessions)
    {
        if (!SessionIds.IsWellFormed(id))
        {
            return UnknownSession();
        }


        return await CallAsync(context, async caller => Reply(await sessions.GetViewAsync(id, caller)));
    }

    private static async Task<IResult> InteractAsync(string id, HttpRequest request, SessionClient sessions)
    {
        if (!SessionIds.IsWellFormed(id))
        {
            return UnknownSession();
        }


        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return GatewayProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the action as application/json.");
        }

        var (body, tooLarge) = await RequestBodies.ReadBoundedAsync(request, MaxBodyBytes);
        if (tooLarge)
        {
            return GatewayProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"An action body may be at most {MaxBodyBytes} bytes.");
        }

        var action = ActionRequest.TryParse(body, out var errors);
        if (action is null)
        {
            return Results.ValidationProblem(errors, title: "Invalid action request", detail: string.Join(" ", errors.SelectMany(e => e.Value)));
        }

        return await CallAsync(request.HttpContext, async caller => Reply(await sessions.InteractAsync(id, new SessionAction(action.Action, action.Inputs, action.Seq), caller)));
    }

    private static async Task<IResult> EndAsync(string id, HttpContext context, SessionClient sessions)
    {
        if (!SessionIds.IsWellFormed(id))
        {
            return UnknownSession();
        }


        return await CallAsync(context, async caller =>
        {
            await sessions.EndAsync(id, caller);
            return Results.NoContent();
        });
    }

    // Who is asking (a bearer token or the sign-in cookie, checked against the users' table), then the call; a credential
    // presented but not accepted is 401, and a users' table that cannot be read is a 503 like any other unavailability.
    private static async Task<IResult> CallAsync(HttpContext context, Func<SessionCaller, Task<IResult>> call)
    {
        try
        {
            var (caller, invalid) = await UserCallers.ResolveAsync(context);
            return invalid ? InvalidCredential() : await call(caller);
        }
        catch (Exception exception) when (GatewayProblems.From(exception) is { } problem)
        {
            return problem;
        }
    }

    private static IResult Reply(SessionReply reply) =>
        reply.Status == SessionStatus.Expired
            ? GatewayProblems.Problem(
                StatusCodes.Status410Gone,
                "Session expired",
                "The session expired; start a new one (POST /api/apps/{app}/sessions) or send the 'restart' action.",
                new Dictionary<string, object?> { ["sessionId"] = reply.SessionId, ["view"] = reply.View })
            : Results.Ok(Body(reply));

    private static SessionBody Body(SessionReply reply) => new(reply.SessionId, reply.Seq, reply.Version, reply.View);

    private static IResult InvalidCredential() =>
        GatewayProblems.Unauthorized("The bearer token is not valid, has expired, or its user is disabled; get a new one with POST /api/auth/token.");

    private static IResult UnknownSession() =>
        GatewayProblems.Problem(StatusCodes.Status404NotFound, "Unknown session", "There is no such session.");

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    /// <summary>The answer body: the session id, the last applied seq, the application version the session runs and the view.</summary>
    public sealed record SessionBody(string SessionId, long Seq, string Version, SessionView View);
}
