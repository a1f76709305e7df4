using Microsoft.Extensions.Options;

namespace OrleansPlatform.Agent.Configuration;

/// <summary>The API's URLs must be absolute http(s) URLs with a port-able host.</summary>
internal sealed class AgentApiOptionsValidator : IValidateOptions<AgentApiOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentApiOptions options)
    {
        var problems = new List<string>();
        Check(problems, "Url", options.Url);
        if (options.AdvertisedUrl is not null)
        {
            Check(problems, "AdvertisedUrl", options.AdvertisedUrl);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Check(List<string> problems, string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.AbsolutePath != "/")
        {
            problems.Add($"{AgentApiOptions.SectionName}:{key} '{value}' must be an absolute http:// or https:// URL without a path, e.g. {AgentApiOptions.DefaultUrl}.");
        }
    }
}
