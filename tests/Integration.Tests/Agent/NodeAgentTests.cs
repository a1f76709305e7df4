using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Agent;

/// <summary>
/// Real <c>oplat agent</c> processes on a real PostgreSQL database, running real processes: crash loops, group order,
/// a plugin from this assembly, the CLI against them, bad configuration. (kill -9 of a supervised silo is
/// <see cref="RunScript.RunShClusterTests"/>: run.sh is an agent.)
/// </summary>
public sealed class NodeAgentTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_crash_looping_process_ends_failed_after_CrashLoopFailures_tries_and_is_not_restarted_again()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var agent = AgentProcess.Start("crash-node", new JsonObject
        {
            ["Supervision"] = new JsonObject
            {
                ["InitialBackoff"] = "00:00:00.100",
                ["MaxBackoff"] = "00:00:00.200",
                ["CrashLoopFailures"] = 3,
                ["CrashLoopWindow"] = "00:01:00",
            },
            ["Groups"] = new JsonObject
            {
                ["crashing"] = Group(Process("crasher", "echo run >> runs.log; exit 3")),
            },
        }, database.ConnectionString);

        var failed = await agent.WaitForStateAsync("crasher", "failed", Within);
        Assert.Equal(3, failed.GetProperty("lastExitCode").GetInt32());

        // Failed means left down: no fourth run, however long one waits for it.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var runs = File.ReadAllLines(Path.Combine(agent.Directory, "runs.log"));
        Assert.Equal(3, runs.Length);
        Assert.Equal("failed", (await agent.WaitForStateAsync("crasher", "failed", Within)).GetProperty("state").GetString());
        Assert.Contains(agent.Process.StandardError.Split('\n'), line => line.Contains("crasher", StringComparison.Ordinal) && line.Contains("exited with code 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_group_starts_in_dependency_order_and_stops_in_reverse_and_a_test_plugin_type_is_used()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        var directory = Directory.CreateTempSubdirectory("oplat-agent-test-").FullName;
        var marker = Path.Combine(directory, "marker");
        await using var agent = AgentProcess.Start("order-node", new JsonObject
        {
            ["PluginAssemblies"] = new JsonArray(typeof(MarkerFilePlugin).Assembly.Location),
            ["Groups"] = new JsonObject
            {
                ["ordered"] = Group(Logger("first"), Logger("second"), Logger("third")),
                ["custom"] = Group(new JsonObject { ["Id"] = "marker", ["Type"] = MarkerFilePlugin.TypeName, ["Settings"] = new JsonObject { ["Path"] = marker } }),
            },
        }, database.ConnectionString, directory);

        await agent.WaitForStateAsync("third", "healthy", Within);
        var custom = await agent.WaitForStateAsync("marker", "healthy", Within);
        Assert.Equal(MarkerFilePlugin.TypeName, custom.GetProperty("type").GetString());
        Assert.Equal("order-node", File.ReadAllText(marker));

        Assert.Equal(0, await agent.StopAsync(TimeSpan.FromSeconds(60)));
        var log = File.ReadAllLines(Path.Combine(directory, "order.log"));
        output.WriteLine(string.Join('\n', log));
        Assert.Equal(["start first", "start second", "start third", "stop third", "stop second", "stop first"], log);
        Assert.False(File.Exists(marker), "the test plugin's resource was not stopped");
    }

    [Fact]
    public async Task The_cli_lists_live_agents_nodes_and_resources_as_tables_and_json()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var one = AgentProcess.Start("cli-node-1", new JsonObject { ["Groups"] = new JsonObject { ["work"] = Group(Process("worker", "exec sleep 600")) } }, database.ConnectionString);
        await using var two = AgentProcess.Start("cli-node-2", new JsonObject { ["Groups"] = new JsonObject { ["other"] = Group(Process("other-worker", "exec sleep 600")) } }, database.ConnectionString);
        await one.WaitForStateAsync("worker", "healthy", Within);
        await two.WaitForStateAsync("other-worker", "healthy", Within);

        var nodes = await Eventually.ReturnsAsync(
            () => one.OplatJsonAsync("nodes", "list"),
            n => n.EnumerateArray().Count(x => x.GetProperty("status").GetString() == "up") == 2,
            Within);
        Assert.Equal(["cli-node-1", "cli-node-2"], nodes.EnumerateArray().Select(n => n.GetProperty("id").GetString()).Order());

        var resources = await one.OplatJsonAsync("resources", "list");
        var worker = Assert.Single(resources.EnumerateArray());
        Assert.Equal("worker", worker.GetProperty("id").GetString());
        Assert.Equal("healthy", worker.GetProperty("state").GetString());
        Assert.True(worker.GetProperty("pid").GetInt32() > 0);

        // --node: the same agent answers for the other node, through the nodes table's agent URL.
        var remote = await one.OplatJsonAsync("resources", "list", "--node", "cli-node-2");
        Assert.Equal("other-worker", Assert.Single(remote.EnumerateArray()).GetProperty("id").GetString());

        var table = await OplatProcess.RunAsync(one.CliEnvironment, one.Directory, "resources", "list");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("worker", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("healthy", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 resource(s) on node cli-node-1", table.Stdout, StringComparison.Ordinal);

        var nodeTable = await OplatProcess.RunAsync(one.CliEnvironment, one.Directory, "nodes", "list");
        Assert.Equal(0, nodeTable.ExitCode);
        Assert.Contains("cli-node-2", nodeTable.Stdout, StringComparison.Ordinal);

        // stop and start through the CLI.
        var stopped = await OplatProcess.RunAsync(one.CliEnvironment, one.Directory, "resources", "stop", "worker");
        Assert.Equal(0, stopped.ExitCode);
        await one.WaitForStateAsync("worker", "stopped", Within);
        Assert.Equal(0, (await OplatProcess.RunAsync(one.CliEnvironment, one.Directory, "resources", "start", "worker")).ExitCode);
        var beforeRestart = (await one.WaitForStateAsync("worker", "healthy", Within)).GetProperty("pid").GetInt32();

        // restart: the same resource in a new process, the old one gone.
        Assert.Equal(0, (await OplatProcess.RunAsync(one.CliEnvironment, one.Directory, "resources", "restart", "worker")).ExitCode);
        var restarted = await Eventually.ReturnsAsync(
            () => one.OplatJsonAsync("resources", "list"),
            r => r.EnumerateArray().Single().GetProperty("state").GetString() == "healthy" && r.EnumerateArray().Single().GetProperty("pid").GetInt32() != beforeRestart,
            Within);
        Assert.True(restarted.EnumerateArray().Single().GetProperty("pid").GetInt32() > 0);
        Assert.False(ProcessLiveness.IsRunning(beforeRestart), $"the worker's old process {beforeRestart} still runs after the restart");
        var unknown = await OplatProcess.RunAsync(one.CliEnvironment, one.Directory, "resources", "restart", "no-such-resource");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains(unknown.StderrLines, line => line.Contains("no-such-resource", StringComparison.Ordinal));

        // A stopped agent shows as such to the other.
        Assert.Equal(0, await two.StopAsync(TimeSpan.FromSeconds(60)));
        var after = await one.OplatJsonAsync("nodes", "list");
        Assert.NotEqual("up", after.EnumerateArray().Single(n => n.GetProperty("id").GetString() == "cli-node-2").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{ "Agent": { "Supervision": { "CrashLoopFailures": 0 } } }""", "Agent:Supervision:CrashLoopFailures")]
    [InlineData("""{ "Agent": { "Grups": { } } }""", "Agent:Grups")]
    [InlineData("""{ "Agent": { "Groups": { "g": { "Resources": [ { "Id": "x", "Type": "no-such-type" } ] } } } }""", "Agent:Groups:g:Resources:0")]
    public async Task Bad_configuration_is_one_clear_line_naming_the_key_and_exit_code_2(string json, string key)
    {
        var directory = Directory.CreateTempSubdirectory("oplat-agent-test-").FullName;
        var config = Path.Combine(directory, "agent.json");
        await File.WriteAllTextAsync(config, json);
        var environment = new Dictionary<string, string> { ["ORLEANSPLATFORM_Admin__Password"] = AgentProcess.Password };
        await using var agent = PlatformProcess.Start(RepoPaths.CliDll, ["agent", "--config", config], directory, environment);

        Assert.Equal(2, await agent.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        output.WriteLine(agent.StandardError);
        Assert.Contains(key, agent.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", agent.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two agents, one failover group: freezing the holder (SIGSTOP: no heartbeats, no lease renewals) moves the group
    /// to the other node (how soon is logged, not asserted), and at no moment do both run it.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_failover_group_moves_to_the_other_agent_when_its_node_stops_heartbeating_and_never_runs_twice()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        var directory = Directory.CreateTempSubdirectory("oplat-agent-test-").FullName;
        var pids = Path.Combine(directory, "pids");
        JsonObject Config() => new()
        {
            ["Groups"] = new JsonObject
            {
                ["front"] = new JsonObject
                {
                    ["Failover"] = true,
                    ["Nodes"] = new JsonArray("anywhere"),
                    ["Resources"] = new JsonArray(Process("front-door", $"echo \"$$ $OPLAT_NODE_ID $OPLAT_FENCING_TOKEN\" >> '{pids}'; exec sleep 600")),
                },
            },
        };

        await using var a = AgentProcess.Start("fo-a", Config(), database.ConnectionString, directory);
        await a.WaitForStateAsync("front-door", "healthy", Within);
        await using var b = AgentProcess.Start("fo-b", Config(), database.ConnectionString, directory);
        await Eventually.ReturnsAsync(() => a.OplatJsonAsync("nodes", "list"), n => n.EnumerateArray().Count(x => x.GetProperty("status").GetString() == "up") == 2, Within);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, Running(pids).Count(r => r.Node == "fo-b"));
        Assert.Single(Running(pids));

        // Watch, every 50 ms, that at most one copy runs, from before the freeze until the other node has it.
        using var watching = new CancellationTokenSource();
        var watcher = MostRunningAsync(pids, watching.Token);

        var frozen = Stopwatch.StartNew();
        a.Process.Signal(19);
        // The move must happen (a failover that never takes the group fails the guard, Within); how soon is a figure.
        var moved = await Eventually.ReturnsAsync(() => Task.FromResult(Running(pids)), r => r.Any(x => x.Node == "fo-b"), Within);
        var moveTime = frozen.Elapsed;
        var first = File.ReadAllLines(pids)[0].Split(' ');
        var second = moved.Single(x => x.Node == "fo-b");
        output.WriteLine($"failover group moved from fo-a to fo-b {moveTime.TotalMilliseconds:F0} ms after SIGSTOP of fo-a; fencing token {first[2]} -> {second.Token}");

        // The thawed node finds its lease gone and does not start the group again.
        a.Process.Signal(18);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await watching.CancelAsync();
        var most = await watcher;

        Assert.Equal(1, most);
        Assert.True(long.Parse(second.Token, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(first[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("fo-b", Assert.Single(Running(pids)).Node);

        // An operator moves it back (oplat groups move): it stops on fo-b, starts on fo-a, and again never runs twice.
        await Eventually.ReturnsAsync(() => b.OplatJsonAsync("nodes", "list"), n => n.EnumerateArray().Count(x => x.GetProperty("status").GetString() == "up") == 2, Within);
        using var watchingMove = new CancellationTokenSource();
        var moveWatcher = MostRunningAsync(pids, watchingMove.Token);
        var move = await OplatProcess.RunAsync(b.CliEnvironment, directory, "groups", "move", "front", "fo-a");
        output.WriteLine(move.Stdout);
        Assert.Equal(0, move.ExitCode);
        await Eventually.ReturnsAsync(() => Task.FromResult(Running(pids)), r => r.Count == 1 && r[0].Node == "fo-a", Within);
        await watchingMove.CancelAsync();
        Assert.Equal(1, await moveWatcher);
        var groups = await a.OplatJsonAsync("groups", "list");
        var front = groups.EnumerateArray().Single(g => g.GetProperty("id").GetString() == "front");
        Assert.Equal("fo-a", front.GetProperty("activeNode").GetString());
        Assert.True(front.GetProperty("runsHere").GetBoolean());

        // A move to a node the cluster does not know is refused, naming it.
        var refused = await OplatProcess.RunAsync(a.CliEnvironment, directory, "groups", "move", "front", "no-such-node");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(refused.StderrLines, line => line.Contains("no-such-node", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_http_check_is_healthy_while_its_url_answers_2xx_and_failed_while_it_does_not()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        var port = FreePort.Next();
        using var listener = new System.Net.HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var status = 200;
        using var serving = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            while (!serving.IsCancellationRequested)
            {
                System.Net.HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().WaitAsync(serving.Token);
                }
                catch (Exception exception) when (exception is OperationCanceledException or System.Net.HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                context.Response.StatusCode = Volatile.Read(ref status);
                context.Response.Close();
            }
        });
        await using var agent = AgentProcess.Start("check-node", new JsonObject
        {
            ["Supervision"] = new JsonObject { ["MonitorInterval"] = "00:00:00.250", ["FailedChecksToRestart"] = 2 },
            ["Groups"] = new JsonObject
            {
                ["checked"] = Group(new JsonObject { ["Id"] = "up-check", ["Type"] = "http-check", ["Url"] = $"http://127.0.0.1:{port}/ready" }),
            },
        }, database.ConnectionString);

        var healthy = await agent.WaitForStateAsync("up-check", "healthy", Within);
        Assert.Equal($"http://127.0.0.1:{port}/ready", healthy.GetProperty("description").GetProperty("url").GetString());

        // The URL answers 503: first degraded, then failed checks make the supervisor start the check again (a
        // restart, counted), and it stays unhealthy while the URL does.
        Volatile.Write(ref status, 503);
        var down = await Eventually.ReturnsAsync(
            () => agent.OplatJsonAsync("resources", "list"),
            r => r.EnumerateArray().Single().GetProperty("restarts").GetInt32() >= 1,
            Within);
        Assert.NotEqual("healthy", down.EnumerateArray().Single().GetProperty("state").GetString());

        // Answering 2xx again, it is healthy again.
        Volatile.Write(ref status, 204);
        await agent.WaitForStateAsync("up-check", "healthy", Within);
        await serving.CancelAsync();
        listener.Stop();
        await server;
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_postgres_resource_initdbs_an_empty_directory_is_the_agents_own_database_and_stops_with_the_agent()
    {
        // As `run.sh --postgres local` runs it: the bootstrap group's PostgreSQL first, then the agent on it.
        var directory = Directory.CreateTempSubdirectory("oplat-agent-test-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var dataDirectory = Path.Combine(directory, "postgres");
        var port = FreePort.Next();
        var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5";
        await using var agent = AgentProcess.Start("pg-node", new JsonObject
        {
            ["BootstrapGroup"] = "database",
            ["Groups"] = new JsonObject
            {
                ["database"] = Group(new JsonObject
                {
                    ["Id"] = "postgres",
                    ["Type"] = "postgres",
                    ["Settings"] = new JsonObject { ["DataDirectory"] = dataDirectory, ["Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                }),
                ["work"] = Group(Process("worker", "exec sleep 600")),
            },
        }, connectionString, directory);
        try
        {
            var postgres = await agent.WaitForStateAsync("postgres", "healthy", TimeSpan.FromSeconds(120));
            Assert.Equal(dataDirectory, postgres.GetProperty("description").GetProperty("dataDirectory").GetString());
            Assert.True(File.Exists(Path.Combine(dataDirectory, "PG_VERSION")), "initdb did not run in the empty directory");
            await agent.WaitForStateAsync("worker", "healthy", Within);

            // The agent keeps its node in that very server.
            await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                var nodes = await Eventually.ReturnsAsync(
                    async () => (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT node_id FROM nodes")).ToList(),
                    n => n.Contains("pg-node"),
                    Within);
                Assert.Equal(["pg-node"], nodes);
            }

            // Stopping the agent stops the server (pg_ctl stop), after the group that needs it.
            Assert.Equal(0, await agent.StopAsync(TimeSpan.FromSeconds(90)));
            Assert.False(File.Exists(Path.Combine(dataDirectory, "postmaster.pid")), "PostgreSQL still runs after the agent stopped");
            await using var refused = new Npgsql.NpgsqlConnection(connectionString + ";Pooling=false");
            await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => refused.OpenAsync());
        }
        finally
        {
            // Whatever happened above, leave no server behind.
            var postmaster = Path.Combine(dataDirectory, "postmaster.pid");
            if (File.Exists(postmaster) && File.ReadLines(postmaster).FirstOrDefault() is { } pid)
            {
                // SIGQUIT: PostgreSQL's immediate shutdown.
                using var stop = System.Diagnostics.Process.Start("kill", ["-QUIT", pid]);
                await stop.WaitForExitAsync();
            }
        }
    }

    // The most copies seen running at once, looking every 50 ms until stop.
    private static Task<int> MostRunningAsync(string file, CancellationToken stop) => Task.Run(async () =>
    {
        var most = 0;
        while (!stop.IsCancellationRequested)
        {
            most = Math.Max(most, Running(file).Count);
            await Task.Delay(50, CancellationToken.None);
        }

        return most;
    });

    private static List<(int Pid, string Node, string Token)> Running(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        var running = new List<(int, string, string)>();
        foreach (var line in File.ReadAllLines(file))
        {
            var parts = line.Split(' ');
            if (parts.Length == 3 && int.TryParse(parts[0], out var pid) && ProcessLiveness.IsRunning(pid))
            {
                running.Add((pid, parts[1], parts[2]));
            }
        }

        return running;
    }

    private static JsonObject Group(params JsonObject[] resources) => new() { ["Resources"] = new JsonArray(resources) };

    private static JsonObject Process(string id, string script) =>
        new() { ["Id"] = id, ["Type"] = "process", ["Command"] = "bash", ["Args"] = new JsonArray("-c", script) };

    // Writes "start NAME" when started and "stop NAME" when asked to stop (SIGTERM) to order.log.
    private static JsonObject Logger(string name) =>
        Process(name, $"echo 'start {name}' >> order.log; trap 'echo \"stop {name}\" >> order.log; exit 0' TERM; while :; do sleep 0.1; done");
}
