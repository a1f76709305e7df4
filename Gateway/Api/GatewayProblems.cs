using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Runtime;

namespace OrleansPlatform.Gateway.Api;

/// <summary>Maps platform errors to <c>application/problem+json</c> answers with the right status and a message that says what was wrong.</summary>
public static class GatewayProblems
{
    /// <summary>The problem for an exception from a session call, or null when it is not an expected outcome.</summary>
    public static IResult? From(Exception exception) => exception switch
    {
        ApplicationNotFoundException e => Problem(StatusCodes.Status404NotFound, "Unknown application", e.Message),
        SessionNotFoundException e => Problem(StatusCodes.Status404NotFound, "Unknown session", e.Message),
        StaleSequenceException e => Problem(StatusCodes.Status409Conflict, "Stale interaction", e.Message),
        InvalidInputException e => Problem(StatusCodes.Status400BadRequest, "Invalid input", e.Message),
        InvalidActionException e => Problem(StatusCodes.Status400BadRequest, "Invalid action", e.Message),
        ClusterBusyException e => new RetryAfterResult(
            Problem(StatusCodes.Status503ServiceUnavailable, "Cluster busy", e.Message + " Retry later."),
            e.RetryAfter),
        SiloUnavailableException or GrainCallTimeoutException => new RetryAfterResult(
            Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The platform could not answer in time; retry shortly."),
            TimeSpan.FromSeconds(2)),
        _ => null,
    };

    /// <summary>A problem+json result.</summary>
    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    /// <summary>Adds a Retry-After header to another result.</summary>
    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
