using System.CommandLine;

namespace OrleansPlatform.Cli;

/// <summary>The options every command takes: which Gateway, and whether to print its JSON instead of tables.</summary>
internal sealed class GlobalOptions
{
    /// <summary>The variable that names the Gateway when <c>--url</c> is not given.</summary>
    public const string UrlVariable = "OPLAT_URL";

    /// <summary>Where run.sh serves the Gateway.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The variable that names the node agent when <c>--agent</c> is not given.</summary>
    public const string AgentUrlVariable = "OPLAT_AGENT_URL";

    /// <summary>Where an agent serves its API by default (and run.sh's, beside the Gateway on port 5080).</summary>
    public const string DefaultAgentUrl = "http://127.0.0.1:5081";

    public GlobalOptions(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Url = new Option<string>("--url")
        {
            Description = $"The Gateway's base URL (default: ${UrlVariable}, else the Gateway in ./{RunShSettings.FileName} as run.sh wrote it, else {DefaultUrl})",
            HelpName = "url",
            Recursive = true,
            DefaultValueFactory = _ => environment.NonEmpty(UrlVariable) ?? RunShSettings.Read(environment).GatewayUrl ?? DefaultUrl,
        };
        Url.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!TryParseUrl(value, out _))
            {
                result.AddError(UrlError(value));
            }
        });
        Agent = new Option<string>("--agent")
        {
            Description = $"The node agent's base URL, for nodes, resources and groups (default: ${AgentUrlVariable}, else the agent's Api:Url in ./{RunShSettings.FileName} as run.sh wrote it, else {DefaultAgentUrl})",
            HelpName = "url",
            Recursive = true,
            DefaultValueFactory = _ => environment.NonEmpty(AgentUrlVariable) ?? RunShSettings.Read(environment).AgentUrl ?? DefaultAgentUrl,
        };
        Agent.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!TryParseUrl(value, out _))
            {
                result.AddError(AgentUrlError(value));
            }
        });
        Json = new Option<bool>("--json")
        {
            Description = "Print the API's JSON answer (indented) and nothing else on standard output",
            Recursive = true,
        };
    }

    public Option<string> Url { get; }

    public Option<string> Agent { get; }

    public Option<bool> Json { get; }

    /// <summary>An absolute http(s) URL; a path (a Gateway behind a prefix) is kept.</summary>
    public static bool TryParseUrl(string? text, out Uri url)
    {
        url = null!;
        return Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(parsed.Query) && string.IsNullOrEmpty(parsed.Fragment)
            && (url = parsed) is not null;
    }

    public static string AgentUrlError(string? value) => $"--agent (or ${AgentUrlVariable}) must be an absolute http:// or https:// URL without a query (was '{value}')";

    public static string UrlError(string? value) => $"--url (or ${UrlVariable}) must be an absolute http:// or https:// URL without a query (was '{value}')";
}
