using System.Text.Json;

namespace OrleansPlatform.Cli;

/// <summary>The answer of an admin API call: its JSON body, or the problem.</summary>
internal readonly record struct ApiResult
{
    private ApiResult(JsonElement body, ApiProblem? problem)
    {
        Body = body;
        Problem = problem;
    }

    /// <summary>The JSON body of a successful answer (undefined when <see cref="Problem"/> is set).</summary>
    public JsonElement Body { get; }

    /// <summary>Why the call was refused, or null on success.</summary>
    public ApiProblem? Problem { get; }

    public static ApiResult Success(JsonElement body) => new(body, null);

    public static ApiResult Failure(ApiProblem problem) => new(default, problem);
}
