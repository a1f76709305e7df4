using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using OrleansPlatform.Grains.Placement;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.Gateway.Api;

/// <summary>Maps platform errors to <c>application/problem+json</c> answers with the right status and a message that says what was wrong.</summary>
public static class GatewayProblems
{
    /// <summary>How long a client should wait before retrying when the platform could not answer.</summary>
    public static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>How long a client should wait before retrying a request refused for overload.</summary>
    public static readonly TimeSpan OverloadedRetryAfter = TimeSpan.FromSeconds(1);

    // Exceptions whose types Orleans does not serialize itself (outside the Microsoft/System namespaces) reach the
    // Gateway as UnavailableExceptionFallbackException naming the original type: these prefixes are the database drivers'.
    private static readonly string[] s_databaseTypePrefixes = ["Npgsql.", "Microsoft.Data.Sqlite.", "System.Net.Sockets.", "System.Data."];

    /// <summary>The problem for an exception from a session call, or null when it is not an expected outcome.</summary>
    public static IResult? From(Exception exception) => exception switch
    {
        ApplicationNotFoundException e => Problem(StatusCodes.Status404NotFound, "Unknown application", e.Message),
        SessionNotFoundException e => Problem(StatusCodes.Status404NotFound, "Unknown session", e.Message),
        SignInRequiredException e => new ChallengeResult(Problem(StatusCodes.Status401Unauthorized, "Sign-in required", e.Message + " Get a token with POST /api/auth/token and send it as 'Authorization: Bearer {token}'.")),
        AccessDeniedException e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
        StaleSequenceException e => Problem(StatusCodes.Status409Conflict, "Stale interaction", e.Message, new Dictionary<string, object?> { ["expectedSeq"] = e.ExpectedSeq }),
        InvalidInputException e => Problem(StatusCodes.Status400BadRequest, "Invalid input", e.Message, InputErrors(e)),
        InvalidActionException e => Problem(StatusCodes.Status400BadRequest, "Invalid action", e.Message),
        ApplicationDisabledException e => WithRetryAfter(
            Problem(StatusCodes.Status503ServiceUnavailable, "Application disabled", e.Message, type: ProblemTypes.ApplicationDisabled),
            TimeSpan.FromSeconds(30)),
        ClusterBusyException e => WithRetryAfter(
            Problem(StatusCodes.Status503ServiceUnavailable, "Cluster busy", e.Message + " Retry later.", type: ProblemTypes.ClusterBusy),
            e.RetryAfter),
        _ when IsOverloaded(exception) => Overloaded(),
        _ when IsDatabaseUnavailable(exception) => WithRetryAfter(
            Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The cluster database cannot be reached right now; nothing was lost. Retry shortly with the same seq.", type: ProblemTypes.Unavailable),
            UnavailableRetryAfter),
        _ when IsUnavailable(exception) => WithRetryAfter(
            Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The platform could not answer in time; retry shortly.", type: ProblemTypes.Unavailable),
            UnavailableRetryAfter),
        _ => null,
    };

    /// <summary>
    /// The extensions of an invalid-input problem: <c>field</c>, the first field at fault (as before), and <c>errors</c>,
    /// each field at fault with its messages (the shape of a validation problem's <c>errors</c>), so a client can show
    /// every message next to its field.
    /// </summary>
    public static Dictionary<string, object?> InputErrors(InvalidInputException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var errors = exception.Errors is { Count: > 0 } fields
            ? fields.ToDictionary(f => f.Key, f => new[] { f.Value }, StringComparer.Ordinal)
            : new Dictionary<string, string[]>(StringComparer.Ordinal) { [exception.Field] = [exception.Message] };
        return new Dictionary<string, object?> { ["field"] = exception.Field, ["errors"] = errors };
    }

    /// <summary>The answer to a request refused because the Gateway or the silos are over capacity.</summary>
    public static IResult Overloaded() => WithRetryAfter(
        Problem(StatusCodes.Status503ServiceUnavailable, "Overloaded", "The platform is over capacity right now; retry shortly.", type: ProblemTypes.Overloaded),
        OverloadedRetryAfter);

    /// <summary>
    /// True for the failures of a call that say nothing about the request itself: the cluster could not answer it now
    /// (a silo lost, a timed-out attempt, overload, the cluster database unreachable).
    /// </summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is OrleansMessageRejectionException or TimeoutException or SessionConflictException
            or Orleans.Runtime.Messaging.ConnectionFailedException or Orleans.Networking.Shared.SocketConnectionException
            or ClientNotAvailableException or OperationCanceledException
        || IsOverloaded(exception)
        || IsDatabaseUnavailable(exception);

    /// <summary>
    /// True when a silo refused the call for overload (Orleans' load shedding, or a grain's queue over its limit).
    /// Repeating such a call at once only adds load, so it is answered 503 straight away.
    /// </summary>
    public static bool IsOverloaded(Exception exception) => exception is GatewayTooBusyException or LimitExceededException;

    /// <summary>
    /// True when the call failed because the cluster database could not be reached: a driver or socket error anywhere in
    /// the chain of causes, as thrown on the silo or as Orleans' stand-in for an exception type it does not carry.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                // A silo that lost its database lease refuses the call before trying.
                case DbException or SocketException or SiloIsolatedException:
                    return true;
                case Orleans.Serialization.UnavailableExceptionFallbackException fallback
                    when s_databaseTypePrefixes.Any(p => fallback.ExceptionType?.StartsWith(p, StringComparison.Ordinal) == true):
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsDatabaseUnavailable):
                    return true;
            }
        }

        return false;
    }

    /// <summary>A problem+json result.</summary>
    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null, string? type = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: type, extensions: extensions);

    /// <summary>Adds a Retry-After header (whole seconds, at least 1) to another result.</summary>
    public static IResult WithRetryAfter(IResult inner, TimeSpan retryAfter) => new RetryAfterResult(inner, retryAfter);

    /// <summary>The Retry-After value for <paramref name="retryAfter"/>: whole seconds, at least 1.</summary>
    public static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The answer to a request without an accepted credential: 401 problem+json with <c>WWW-Authenticate: Bearer</c>.</summary>
    public static IResult Unauthorized(string detail) =>
        new ChallengeResult(Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail));

    private sealed class ChallengeResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return inner.ExecuteAsync(httpContext);
        }
    }

    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
