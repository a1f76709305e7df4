using System.Globalization;
using OrleansPlatform.Grains.Placement;
using OrleansPlatform.Grains.Sessions;

namespace OrleansPlatform.Gateway.Api;

/// <summary>Maps platform errors to <c>application/problem+json</c> answers with the right status and a message that says what was wrong.</summary>
public static class GatewayProblems
{
    /// <summary>How long a client should wait before retrying when the platform could not answer.</summary>
    public static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>The problem for an exception from a session call, or null when it is not an expected outcome.</summary>
    public static IResult? From(Exception exception) => exception switch
    {
        ApplicationNotFoundException e => Problem(StatusCodes.Status404NotFound, "Unknown application", e.Message),
        SessionNotFoundException e => Problem(StatusCodes.Status404NotFound, "Unknown session", e.Message),
        StaleSequenceException e => Problem(StatusCodes.Status409Conflict, "Stale interaction", e.Message, new Dictionary<string, object?> { ["expectedSeq"] = e.ExpectedSeq }),
        InvalidInputException e => Problem(StatusCodes.Status400BadRequest, "Invalid input", e.Message, new Dictionary<string, object?> { ["field"] = e.Field }),
        InvalidActionException e => Problem(StatusCodes.Status400BadRequest, "Invalid action", e.Message),
        ApplicationDisabledException e => new RetryAfterResult(
            Problem(StatusCodes.Status503ServiceUnavailable, "Application disabled", e.Message, type: ProblemTypes.ApplicationDisabled),
            TimeSpan.FromSeconds(30)),
        ClusterBusyException e => new RetryAfterResult(
            Problem(StatusCodes.Status503ServiceUnavailable, "Cluster busy", e.Message + " Retry later.", type: ProblemTypes.ClusterBusy),
            e.RetryAfter),
        _ when IsUnavailable(exception) => new RetryAfterResult(
            Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The platform could not answer in time; retry shortly.", type: ProblemTypes.Unavailable),
            UnavailableRetryAfter),
        _ => null,
    };

    /// <summary>True for the failures of a call that says nothing about the request itself: the cluster could not answer it now.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is OrleansMessageRejectionException or TimeoutException or SessionConflictException
            or Orleans.Runtime.Messaging.ConnectionFailedException or Orleans.Networking.Shared.SocketConnectionException
            or GatewayTooBusyException or LimitExceededException or ClientNotAvailableException or OperationCanceledException;

    /// <summary>A problem+json result.</summary>
    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null, string? type = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: type, extensions: extensions);

    /// <summary>Adds a Retry-After header to another result.</summary>
    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
