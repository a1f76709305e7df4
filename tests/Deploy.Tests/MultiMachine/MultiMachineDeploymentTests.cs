using System.Diagnostics;
using System.Text.RegularExpressions;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Deploy.Tests.MultiMachine;

/// <summary>
/// docs/deployment.md and the files it installs: the shared agent.json passes the agent's own check on each node with
/// the example environment, the systemd unit runs that check and then the agent the way the guide says, the real
/// PostgreSQL reads the settings file, and every file and <c>oplat</c> command the guide names exists.
/// </summary>
public sealed partial class MultiMachineDeploymentTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("oplat-deploy-").FullName;

    private static string Deploy(params string[] parts) => Path.Combine([RepoPaths.Root, "deploy", .. parts]);

    [Theory]
    [InlineData("node-1")]
    [InlineData("node-2")]
    [InlineData("node-3")]
    public async Task The_shared_agent_json_passes_the_agents_check_on_each_node_with_the_example_environment(string node)
    {
        var check = await OplatAsync(ExampleEnvironment(node), "agent", "--config", Deploy("multi-machine", "agent.json"), "--check");
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("the configuration is valid", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_fails_on_a_key_the_agent_does_not_know_naming_it()
    {
        var broken = Path.Combine(directory, "agent.json");
        var json = await File.ReadAllTextAsync(Deploy("multi-machine", "agent.json"));
        await File.WriteAllTextAsync(broken, json.Replace("\"Nodes\": [\"node-3\"],", "\"Nodes\": [\"node-3\"], \"Replicas\": 2,", StringComparison.Ordinal));
        var check = await OplatAsync(ExampleEnvironment("node-3"), "agent", "--config", broken, "--check");
        Assert.Equal(2, check.ExitCode);
        Assert.Contains("Replicas", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_systemd_unit_checks_then_runs_the_agent_as_a_service_user_with_the_environment_file_and_time_to_drain()
    {
        var service = Section(File.ReadAllLines(Deploy("systemd", "oplat-agent.service")), "Service");
        const string Agent = "/usr/bin/dotnet /opt/orleansplatform/Cli/oplat.dll agent --config /etc/orleansplatform/agent.json";
        Assert.Equal(Agent, service["ExecStart"]);
        Assert.Equal(Agent + " --check", service["ExecStartPre"]);
        Assert.Equal("/etc/orleansplatform/agent.env", service["EnvironmentFile"]);
        Assert.NotEqual("root", service["User"]);
        Assert.Equal("SIGTERM", service["KillSignal"]);
        Assert.True(int.Parse(service["TimeoutStopSec"], System.Globalization.CultureInfo.InvariantCulture) >= 60);
        Assert.Equal("on-failure", service["Restart"]);

        // The guide installs exactly these paths.
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "deployment.md"));
        Assert.Contains("/etc/orleansplatform/agent.json", guide, StringComparison.Ordinal);
        Assert.Contains("/etc/orleansplatform/agent.env", guide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSQL_reads_the_settings_file_as_its_own_and_refuses_it_with_a_bad_value()
    {
        var data = Path.Combine(directory, "pgdata");
        Directory.CreateDirectory(data);
        File.Copy(Deploy("postgres", "orleansplatform.conf"), Path.Combine(data, "postgresql.conf"));
        var postgres = PostgresBinary();

        // postgres -C reads the configuration file as the server would and prints one value; an unknown name or a bad
        // value anywhere in the file fails it.
        foreach (var (name, expected) in new[] { ("synchronous_commit", "on"), ("fsync", "on"), ("password_encryption", "scram-sha-256"), ("idle_in_transaction_session_timeout", "60000") })
        {
            var read = await AsPostgresAsync(data, postgres, "-D", data, "-C", name);
            Assert.True(read.ExitCode == 0, read.Output);
            Assert.Equal(expected, read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]);
        }

        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), "work_mem = 16 parsecs\n");
        var bad = await AsPostgresAsync(data, postgres, "-D", data, "-C", "work_mem");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("contains errors", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_file_the_guide_names_exists_and_every_oplat_command_it_shows_parses()
    {
        var guide = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "deployment.md"));
        var files = RepositoryPath().Matches(guide).Select(m => m.Groups[1].Value.TrimEnd('.', ')')).Distinct().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.True(File.Exists(Path.Combine(RepoPaths.Root, file)) || Directory.Exists(Path.Combine(RepoPaths.Root, file)), $"docs/deployment.md names {file}, which does not exist"));

        var commands = OplatCommand().Matches(guide).Select(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(w => WordOnly().IsMatch(w)).Take(2).ToArray())
            .Where(words => words.Length > 0).Select(words => string.Join(' ', words)).Distinct().ToList();
        Assert.Contains("certs node", commands);
        Assert.Contains("agent", commands);
        foreach (var command in commands)
        {
            var help = await OplatAsync(new Dictionary<string, string>(), [.. command.Split(' '), "--help"]);
            Assert.True(help.ExitCode == 0, $"oplat {command} --help: {help.Output}");
        }
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    // agent.env.example with its placeholders filled in as an operator would for `node`.
    private static Dictionary<string, string> ExampleEnvironment(string node)
    {
        var address = "10.0.0.1" + node[^1];
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["<node-1|node-2|node-3>"] = node,
            ["<node-N>"] = node,
            ["<this machine's address, e.g. 10.0.0.11>"] = address,
            ["<this machine's address>"] = address,
            ["<database address>"] = "10.0.0.5",
            ["<database password>"] = "not-a-real-password",
            ["<the same 32+ random characters on every machine>"] = "a-cluster-secret-of-32-characters!",
            ["<the content of <node-N>.password>"] = "pfx-password",
            ["<the admin password, the same on every machine>"] = "an-admin-password-1",
        };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Deploy("multi-machine", "agent.env.example")).Where(l => l.Length > 0 && l[0] != '#'))
        {
            var (key, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            foreach (var (placeholder, filled) in values.OrderByDescending(v => v.Key.Length))
            {
                value = value.Replace(placeholder, filled, StringComparison.Ordinal);
            }

            Assert.DoesNotContain('<', value);
            environment[key] = value;
        }

        return environment;
    }

    private static Dictionary<string, string> Section(string[] lines, string name)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var inSection = false;
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#'))
        {
            if (line[0] == '[')
            {
                inSection = line == $"[{name}]";
                continue;
            }

            if (inSection)
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                values[line[..equals]] = line[(equals + 1)..];
            }
        }

        return values;
    }

    private static string PostgresBinary() =>
        Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "postgres")).Where(File.Exists).Order(StringComparer.Ordinal).LastOrDefault()
        ?? throw new InvalidOperationException("PostgreSQL server binaries are missing: run ./test.sh, which installs them.");

    // PostgreSQL refuses to run as root: as root the check runs as the postgres user, which must own the directory.
    private static async Task<(int ExitCode, string Output)> AsPostgresAsync(string data, string postgres, params string[] args)
    {
        if (Environment.UserName != "root")
        {
            return await RunAsync(postgres, args, new Dictionary<string, string>());
        }

        Assert.Equal(0, (await RunAsync("chown", ["-R", "postgres", Path.GetDirectoryName(data)!], new Dictionary<string, string>())).ExitCode);
        return await RunAsync("runuser", ["-u", "postgres", "--", postgres, .. args], new Dictionary<string, string>());
    }

    private static Task<(int ExitCode, string Output)> OplatAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync("dotnet", [RepoPaths.CliDll, .. args], environment);

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Only what the test gives: none of this process's ORLEANSPLATFORM_ settings leak into the check.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ORLEANSPLATFORM_", StringComparison.Ordinal) || k.StartsWith("OPLAT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"\((?:\.\./)?((?:deploy|docs|bench|tests)/[A-Za-z0-9_./-]+)\)")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"(?m)(?:^|\s|`)(?:\./)?oplat ([a-z][^\n`]*)")]
    private static partial Regex OplatCommand();

    [GeneratedRegex("^[a-z]+$")]
    private static partial Regex WordOnly();
}
