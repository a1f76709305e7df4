using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Grains.Sessions;

namespace OrleansPlatform.Gateway.Tests.Api;

public sealed class UserProblemsTests
{
    [Fact]
    public async Task A_session_that_needs_sign_in_is_401_with_a_bearer_challenge_and_a_missing_role_is_403()
    {
        var (status, challenge, body) = await ExecuteAsync(GatewayProblems.From(new SignInRequiredException("Application 'order-entry' needs a signed-in user."))!);
        Assert.Equal((StatusCodes.Status401Unauthorized, "Bearer"), (status, challenge));
        Assert.Contains("POST /api/auth/token", body, StringComparison.Ordinal);

        (status, challenge, body) = await ExecuteAsync(GatewayProblems.From(new AccessDeniedException("Application 'x' needs the role(s) staff."))!);
        Assert.Equal((StatusCodes.Status403Forbidden, ""), (status, challenge));
        Assert.Contains("staff", body, StringComparison.Ordinal);

        // Another user's session is answered as an unknown one.
        (status, _, _) = await ExecuteAsync(GatewayProblems.From(new SessionNotFoundException("Session x does not exist (never started, or ended)."))!);
        Assert.Equal(StatusCodes.Status404NotFound, status);
    }

    private static async Task<(int Status, string Challenge, string Body)> ExecuteAsync(IResult result)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response.Headers.WWWAuthenticate.ToString(), System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
