using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>
/// A real node agent (<c>oplat agent --config file</c>) with a generated <c>agent.json</c>: its own node id and loopback
/// API port, the admin password and the cluster database in its environment, as run.sh gives them.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    /// <summary>The admin password every test agent (and the CLI against it) uses.</summary>
    public const string Password = "agent-tests-password-0123";

    // Agent:Api, as agent.json nests it.
    private const string ApiSection = "Api";

    private AgentProcess(string nodeId, Uri api, string directory, PlatformProcess process)
    {
        NodeId = nodeId;
        Api = api;
        Directory = directory;
        Process = process;
    }

    public string NodeId { get; }

    /// <summary>The agent's API base URL (what <c>oplat --agent</c> takes).</summary>
    public Uri Api { get; }

    /// <summary>A scratch directory of this agent: its agent.json, and whatever its resources write.</summary>
    public string Directory { get; }

    public PlatformProcess Process { get; }

    /// <summary>The environment the CLI needs to talk to this agent.</summary>
    public IReadOnlyDictionary<string, string> CliEnvironment => new Dictionary<string, string>
    {
        ["OPLAT_PASSWORD"] = Password,
        ["OPLAT_AGENT_URL"] = Api.ToString().TrimEnd('/'),
    };

    /// <summary>
    /// Starts an agent whose <c>Agent</c> section is <paramref name="agent"/> (NodeId and Api:Url are filled in) on
    /// <paramref name="connectionString"/>'s PostgreSQL database (none: no database settings at all).
    /// </summary>
    public static AgentProcess Start(string nodeId, JsonObject agent, string? connectionString, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        directory ??= System.IO.Directory.CreateTempSubdirectory("oplat-agent-test-").FullName;
        var api = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        agent[nameof(AgentOptions.NodeId)] ??= nodeId;
        agent[nameof(AgentOptions.Host)] ??= "127.0.0.1";
        agent[ApiSection] ??= new JsonObject { [nameof(AgentApiOptions.Url)] = api.ToString().TrimEnd('/') };
        var config = Path.Combine(directory, $"agent-{nodeId}.json");
        File.WriteAllText(config, new JsonObject { ["Agent"] = agent }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var environment = new Dictionary<string, string>
        {
            ["ORLEANSPLATFORM_Admin__Password"] = Password,
            ["ORLEANSPLATFORM_Logging__LogLevel__Default"] = "Information",
        };
        if (connectionString is not null)
        {
            environment["ORLEANSPLATFORM_Database__Provider"] = "Postgres";
            environment["ORLEANSPLATFORM_Database__ConnectionString"] = connectionString;
        }

        var process = PlatformProcess.Start(RepoPaths.CliDll, ["agent", "--config", config], directory, environment);
        return new AgentProcess(nodeId, api, directory, process);
    }

    /// <summary>Runs <c>oplat ARGS --json</c> against this agent and parses its answer; throws on a non-zero exit.</summary>
    public async Task<JsonElement> OplatJsonAsync(params string[] args)
    {
        var result = await OplatProcess.RunAsync(CliEnvironment, Directory, [.. args, "--json"]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"oplat {string.Join(' ', args)} exited {result.ExitCode}: {string.Join('\n', result.StderrLines)}");
        }

        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    /// <summary>This agent's resources as its API reports them (the CLI's source), or none while it is not answering.</summary>
    public async Task<List<JsonElement>> ResourcesAsync()
    {
        using var http = new HttpClient { BaseAddress = Api, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + Password)));
        try
        {
            using var response = await http.GetAsync("/api/resources");
            if (!response.IsSuccessStatusCode)
            {
                return [];
            }

            return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone().EnumerateArray()];
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return [];
        }
    }

    /// <summary>Waits until resource <paramref name="id"/> is in <paramref name="state"/> and returns it.</summary>
    public async Task<JsonElement> WaitForStateAsync(string id, string state, TimeSpan within)
    {
        var resources = await Eventually.ReturnsAsync(
            ResourcesAsync,
            r => r.Any(x => x.GetProperty("id").GetString() == id && x.GetProperty("state").GetString() == state),
            within);
        return resources.Single(x => x.GetProperty("id").GetString() == id);
    }

    /// <summary>SIGTERM, and the exit code once the agent has stopped its groups.</summary>
    public async Task<int> StopAsync(TimeSpan within)
    {
        Process.Signal(15);
        return await Process.WaitForExitAsync(within);
    }

    public async ValueTask DisposeAsync()
    {
        // A frozen agent (SIGSTOP) would ignore SIGTERM: let it go on first.
        if (!Process.HasExited)
        {
            Process.Signal(18);
        }

        await Process.DisposeAsync();
    }
}
