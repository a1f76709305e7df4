namespace OrleansPlatform.Gateway.Pages;

/// <summary>303 See Other to <paramref name="location"/>: after a form post, the browser loads the page with GET (Post/Redirect/Get).</summary>
public sealed class SeeOtherResult(string location) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
