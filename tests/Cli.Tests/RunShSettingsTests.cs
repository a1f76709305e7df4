using System.Net;
using System.Net.Sockets;

namespace OrleansPlatform.Cli.Tests;

/// <summary>
/// <c>oplat</c> run where run.sh ran finds the agent and the Gateway from <c>./data/agent.json</c> (run.sh's
/// <c>--port</c>), with <c>--agent</c>/<c>--url</c> and the variables still first. The agent here is a real HTTP
/// listener on a loopback port, so the test sees where the request actually went.
/// </summary>
public sealed class RunShSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oplat-runsh-").FullName;

    [Fact]
    public async Task Agent_commands_go_to_the_agent_url_in_data_agent_json_unless_an_option_or_variable_names_another()
    {
        using var agent = new RecordingListener();
        using var other = new RecordingListener();
        WriteAgentJson(agentUrl: agent.Url, gatewayUrl: "http://127.0.0.1:1");

        Assert.Equal(ExitCodes.Success, await RunAsync(["--json", "resources", "list"]));
        Assert.Equal(["/api/resources"], agent.Paths);

        Assert.Equal(ExitCodes.Success, await RunAsync(["--json", "resources", "list"], ("OPLAT_AGENT_URL", other.Url)));
        Assert.Equal(ExitCodes.Success, await RunAsync(["--json", "--agent", other.Url, "resources", "list"], ("OPLAT_AGENT_URL", "http://127.0.0.1:1")));
        Assert.Equal(["/api/resources", "/api/resources"], other.Paths);
        Assert.Single(agent.Paths);
    }

    [Fact]
    public async Task Gateway_commands_go_to_the_gateway_resource_url_in_data_agent_json()
    {
        using var gateway = new RecordingListener();
        WriteAgentJson(agentUrl: "http://127.0.0.1:1", gatewayUrl: gateway.Url);

        Assert.Equal(ExitCodes.Success, await RunAsync(["--json", "locks"]));
        Assert.Equal(["/admin/api/locks"], gateway.Paths);
    }

    [Fact]
    public void With_several_Gateways_behind_HAProxy_the_gateway_url_is_the_balancer_listed_after_them()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        File.WriteAllText(Path.Combine(_directory, RunShSettings.FileName), """
            {
              "Agent": {
                "Api": { "Url": "http://127.0.0.1:5081" },
                "Groups": {
                  "platform": { "Resources": [
                    { "Id": "silo-1", "Type": "silo", "Args": ["Silo.dll"] },
                    { "Id": "gateway-1", "Type": "gateway", "Args": ["Gateway.dll"], "Url": "http://127.0.0.1:5091" },
                    { "Id": "gateway-2", "Type": "gateway", "Args": ["Gateway.dll"], "Url": "http://127.0.0.1:5092" },
                    { "Id": "haproxy", "Type": "haproxy", "Settings": { "ConfigFile": "data/haproxy.cfg" }, "Url": "http://127.0.0.1:5080" }
                  ] }
                }
              }
            }
            """);
        Assert.Equal(new RunShSettings("http://127.0.0.1:5081", "http://127.0.0.1:5080"), RunShSettings.Read(new CliEnvironment(_ => null, _directory)));
    }

    [Fact]
    public void Without_the_file_or_with_a_broken_one_the_defaults_apply()
    {
        var environment = new CliEnvironment(_ => null, _directory);
        Assert.Equal(new RunShSettings(null, null), RunShSettings.Read(environment));

        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        File.WriteAllText(Path.Combine(_directory, RunShSettings.FileName), "{ not json");
        Assert.Equal(new RunShSettings(null, null), RunShSettings.Read(environment));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<int> RunAsync(string[] args, params (string Name, string Value)[] variables)
    {
        var terminal = new TestTerminal();
        var environment = new CliEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value, _directory);
        var exitCode = await new OplatCommandLine(terminal.Terminal, environment).RunAsync(args);
        Assert.True(exitCode == ExitCodes.Success, string.Join(Environment.NewLine, terminal.ErrorLines));
        return exitCode;
    }

    // The shape run.sh writes (see run.sh: the agent's API on --port + 1, the gateway resource's Url on --port).
    private void WriteAgentJson(string agentUrl, string gatewayUrl)
    {
        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        File.WriteAllText(Path.Combine(_directory, RunShSettings.FileName), $$"""
            {
              "Agent": {
                "NodeId": "test",
                "Api": { "Url": "{{agentUrl}}" },
                "Groups": {
                  "platform": { "Resources": [
                    { "Id": "gateway", "Type": "gateway", "Args": ["Gateway.dll", "--urls", "{{gatewayUrl}}"], "Url": "{{gatewayUrl}}" }
                  ] }
                }
              }
            }
            """);
    }

    /// <summary>An HTTP server on a free loopback port that answers every request <c>[]</c> and records its path.</summary>
    private sealed class RecordingListener : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<string> _paths = [];
        private readonly Task _serving;

        public RecordingListener()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Url + "/");
            _listener.Start();
            _serving = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public IReadOnlyList<string> Paths
        {
            get
            {
                lock (_paths)
                {
                    return [.. _paths];
                }
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _serving.Wait(TimeSpan.FromSeconds(5));
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                lock (_paths)
                {
                    _paths.Add(context.Request.Url!.AbsolutePath);
                }

                var body = "[]"u8.ToArray();
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }
    }
}
