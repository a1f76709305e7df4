using System.Collections.Immutable;
using System.Globalization;
using OrleansPlatform.Agent.Processes;
using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>
/// <c>postgres</c>: a local PostgreSQL data directory. Start: initdb when the directory is empty (trust authentication:
/// it listens on loopback only unless <c>ListenAddress</c> says otherwise), then <c>pg_ctl start</c> (an already running
/// server is adopted). Monitor: <c>pg_isready</c> (0 healthy, 1 rejecting connections = degraded, else failed). Stop:
/// <c>pg_ctl stop -m fast</c>. The server daemonises, so it is not on a leash: it outlives a dead agent, as a database should.
/// </summary>
internal sealed class PostgresPlugin : IResourcePlugin
{
    public const string TypeName = "postgres";

    public string Describe(ResourceSpec resource) => "PostgreSQL server";

    public IEnumerable<string> Validate(ResourceSpec resource)
    {
        if (resource.Setting("DataDirectory") is null)
        {
            yield return $"{resource.Key}:Settings:DataDirectory is missing; a postgres resource runs a data directory.";
        }

        if (!int.TryParse(resource.Setting("Port", "5432"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            yield return $"{resource.Key}:Settings:Port '{resource.Setting("Port")}' is not a TCP port.";
        }
    }

    public async Task<IRunningResource> StartAsync(ResourceSpec resource, ResourceStartContext context, CancellationToken cancellationToken)
    {
        var settings = PostgresSettings.From(resource);
        Directory.CreateDirectory(settings.DataDirectory);
        if (settings.User is not null)
        {
            await RequireAsync(ToolRunner.RunAsync("chown", [settings.User + ":", settings.DataDirectory], null, cancellationToken), "chown");
        }

        if (!File.Exists(Path.Combine(settings.DataDirectory, "PG_VERSION")))
        {
            await RequireAsync(
                ToolRunner.RunAsync(settings.Tool("initdb"), ["-D", settings.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"], settings.User, cancellationToken),
                "initdb");
        }

        var status = await ToolRunner.RunAsync(settings.Tool("pg_ctl"), ["status", "-D", settings.DataDirectory], settings.User, cancellationToken);
        if (status.ExitCode != 0)
        {
            var options = $"-c listen_addresses={settings.ListenAddress} -p {settings.Port.ToString(CultureInfo.InvariantCulture)} -k {settings.DataDirectory}";
            await RequireAsync(
                ToolRunner.RunAsync(
                    settings.Tool("pg_ctl"),
                    ["start", "-D", settings.DataDirectory, "-l", Path.Combine(settings.DataDirectory, "postgres.log"), "-w", "-t", "60", "-o", options],
                    settings.User,
                    cancellationToken),
                "pg_ctl start");
        }

        return new Server(settings, ReadPostmasterPid(settings.DataDirectory));
    }

    private static async Task RequireAsync(Task<ToolRunner.Result> run, string what)
    {
        var result = await run;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed: {result.LastLine}");
        }
    }

    private static int? ReadPostmasterPid(string dataDirectory)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private sealed class Server(PostgresSettings settings, int? pid) : IRunningResource
    {
        private readonly TaskCompletionSource<int> notAChild = new();

        public int? ProcessId => pid;

        public Task<int> Exited => notAChild.Task;

        public async Task<HealthReport> MonitorAsync(CancellationToken cancellationToken)
        {
            var ready = await ToolRunner.RunAsync(
                settings.Tool("pg_isready"),
                ["-h", settings.ListenAddress, "-p", settings.Port.ToString(CultureInfo.InvariantCulture), "-t", "2"],
                null,
                cancellationToken);
            return ready.ExitCode switch
            {
                0 => HealthReport.Healthy,
                1 => HealthReport.Degraded("pg_isready: rejecting connections"),
                2 => HealthReport.Failed("pg_isready: no response"),
                _ => HealthReport.Failed("pg_isready: " + ready.LastLine),
            };
        }

        public IReadOnlyDictionary<string, string> Describe() => ImmutableDictionary<string, string>.Empty
            .Add("dataDirectory", settings.DataDirectory)
            .Add("port", settings.Port.ToString(CultureInfo.InvariantCulture));

        public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var seconds = Math.Max(1, (int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            var stopped = await ToolRunner.RunAsync(settings.Tool("pg_ctl"), ["stop", "-D", settings.DataDirectory, "-m", "fast", "-w", "-t", seconds], settings.User, cancellationToken);
            if (stopped.ExitCode != 0)
            {
                Kill();
            }
        }

        public void Kill()
        {
            if (pid is { } postmaster)
            {
                ProcessSignals.Send(postmaster, ProcessSignals.Kill);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
