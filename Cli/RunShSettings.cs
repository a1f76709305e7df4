using System.Text.Json;

namespace OrleansPlatform.Cli;

/// <summary>
/// Where run.sh put the agent and the Gateway, read from the agent configuration it writes (<c>./data/agent.json</c>,
/// relative to the current directory): the agent's <c>Agent:Api:Url</c> (run.sh's <c>--port</c> + 1) and the Gateway
/// resource's <c>Url</c> (its <c>--port</c>). So <c>oplat</c>, run from the repository, follows <c>run.sh --port</c>
/// without options. A missing or unreadable file gives nothing (the defaults apply); it is never written.
/// </summary>
internal sealed record RunShSettings(string? AgentUrl, string? GatewayUrl)
{
    /// <summary>The file run.sh writes, relative to the current directory.</summary>
    public static readonly string FileName = Path.Combine("data", "agent.json");

    /// <summary>The URLs in <c>./data/agent.json</c> under <paramref name="environment"/>'s current directory, if any.</summary>
    public static RunShSettings Read(CliEnvironment environment)
    {
        var path = Path.Combine(environment.CurrentDirectory, FileName);
        try
        {
            if (!File.Exists(path))
            {
                return new RunShSettings(null, null);
            }

            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var agent = Property(document.RootElement, "Agent");
            return new RunShSettings(Text(Property(Property(agent, "Api"), "Url")), GatewayUrlOf(agent));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return new RunShSettings(null, null);
        }
    }

    // The public entry: the balancer in front of the Gateways (run.sh --gateways N), else the first Gateway, with a Url.
    private static string? GatewayUrlOf(JsonElement? agent)
    {
        if (Property(agent, "Groups") is not { ValueKind: JsonValueKind.Object } groups)
        {
            return null;
        }

        var withUrls = groups.EnumerateObject()
            .Select(g => Property(g.Value, "Resources"))
            .Where(r => r is { ValueKind: JsonValueKind.Array })
            .SelectMany(r => r!.Value.EnumerateArray())
            .Select(r => (Type: Text(Property(r, "Type")), Url: Text(Property(r, "Url"))))
            .Where(r => r.Url is not null)
            .ToList();
        return withUrls.Where(r => string.Equals(r.Type, "haproxy", StringComparison.OrdinalIgnoreCase))
            .Concat(withUrls.Where(r => string.Equals(r.Type, "gateway", StringComparison.OrdinalIgnoreCase)))
            .Select(r => r.Url)
            .FirstOrDefault();
    }

    // Configuration keys are case-insensitive, as the agent reads them.
    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value
            ? value.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;

    private static string? Text(JsonElement? element) => element is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;
}
