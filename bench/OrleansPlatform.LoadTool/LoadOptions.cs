using System.Globalization;
using System.Net;
using Npgsql;

namespace OrleansPlatform.LoadTool;

/// <summary>The options of a run (see <see cref="Usage"/>).</summary>
public sealed class LoadOptions
{
    /// <summary>Longest run the tool accepts, warm-up included.</summary>
    public static readonly TimeSpan MaxRunTime = TimeSpan.FromMinutes(10);

    public const string Usage = """
        Usage: OrleansPlatform.LoadTool [run] --url http://127.0.0.1:PORT [options]
               OrleansPlatform.LoadTool compare A.json B.json [UPSERTS/S]  (A and B side by side, with A/B; and each
                                  one's interactions/s as a share of the database's single-row upserts/s)
               OrleansPlatform.LoadTool idle --url URL --server-pids N=P,... [--sessions N]  (memory per idle session)
          --url URL               base URL of the sessions JSON API (loopback only)
          --users N               concurrent simulated users (default 32)
          --duration S            measure for S seconds (default 20), or
          --interactions N        measure N interactions per user (bounded by --max-time)
          --warmup S              seconds of the same load before measuring, not recorded (default 5)
          --keywords a,b,c        search keywords, rotated over users and sessions (default router,switch,cable,pro)
          --pages N               paging interactions (next,next,prev,...) per session before a new one (default 12)
          --app NAME              application id (default catalog-search)
          --timeout S             per-request timeout in seconds (default 10)
          --max-time S            hard bound on the whole run in seconds (default 300, at most 600)
          --label TEXT            name of this run in the report (default: the URL)
          --json FILE             also write the summary as JSON to FILE
          --server-pids [N=]P,...  report the CPU time these processes (named N) use while measuring (Linux /proc)
          --postgres-pid P        ... and that of the PostgreSQL server whose postmaster is P (with its backends)
          --postgres-connection CS  count the statements PostgreSQL runs while measuring (pg_stat_statements, in the
                                  connection's database; the server must preload it; the extension is created if
                                  missing) and report the server's durability settings
          --kill-after S          kill -9 one server S seconds into the measured window (--duration only) and report the
                                  fail-over: a per-second timeline, the errors, latency until throughput recovers
          --kill-pid P|busiest    the server to kill: a pid of --server-pids, or "busiest": the silo among them hosting
                                  the most live sessions (session_records + platform_silos; needs --postgres-connection)
        """;

    /// <summary>The value of <c>--kill-pid</c> that asks for the silo hosting the most sessions.</summary>
    public const string BusiestSilo = "busiest";

    public required Uri Url { get; init; }
    public int Users { get; init; } = 32;
    public TimeSpan? Duration { get; init; }
    public int? Interactions { get; init; }
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public IReadOnlyList<string> Keywords { get; init; } = ["router", "switch", "cable", "pro"];
    public int PagesPerSession { get; init; } = 12;
    public string App { get; init; } = "catalog-search";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(300);
    public string Label { get; init; } = "";
    public string? JsonPath { get; init; }
    public IReadOnlyList<(string Name, int Pid)> ServerPids { get; init; } = [];
    public int? PostgresPid { get; init; }
    public string? PostgresConnection { get; init; }

    /// <summary>When to kill a server, from the start of the measured window (none: no fail-over).</summary>
    public TimeSpan? KillAfter { get; init; }

    /// <summary>The pid to kill; null with <see cref="KillAfter"/> set means the busiest silo.</summary>
    public int? KillPid { get; init; }

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a message on bad input.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{name}' (options take a value: --name value).");
            }

            values[name[2..]] = args[++i];
        }

        var known = new HashSet<string>(StringComparer.Ordinal) { "url", "users", "duration", "interactions", "warmup", "keywords", "pages", "app", "timeout", "max-time", "label", "json", "server-pids", "postgres-pid", "postgres-connection", "kill-after", "kill-pid" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option --{unknown}.");
        }

        if (!values.TryGetValue("url", out var urlText) || !Uri.TryCreate(urlText.TrimEnd('/') + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("--url is required: an absolute http(s) URL such as http://127.0.0.1:5080.");
        }

        if (!IsLoopback(url))
        {
            throw new ArgumentException($"--url must point at this machine (127.0.0.1, ::1 or localhost), not '{url.Host}'.");
        }

        if (values.ContainsKey("duration") && values.ContainsKey("interactions"))
        {
            throw new ArgumentException("Give --duration or --interactions, not both.");
        }

        var maxTime = Seconds(values, "max-time", 300, 1, MaxRunTime.TotalSeconds);
        var warmup = Seconds(values, "warmup", 5, 0, 120);
        TimeSpan? duration = values.ContainsKey("interactions") ? null : Seconds(values, "duration", 20, 1, MaxRunTime.TotalSeconds);
        if (warmup + (duration ?? TimeSpan.Zero) > maxTime)
        {
            maxTime = warmup + duration!.Value + TimeSpan.FromSeconds(30);
        }

        if (maxTime > MaxRunTime)
        {
            throw new ArgumentException($"Warm-up plus duration may be at most {MaxRunTime.TotalSeconds} seconds.");
        }

        var keywords = (values.GetValueOrDefault("keywords") ?? "router,switch,cable,pro")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (keywords.Length == 0)
        {
            throw new ArgumentException("--keywords needs at least one keyword.");
        }

        var serverPids = values.TryGetValue("server-pids", out var pids)
            ? pids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(NamedPid).ToList()
            : [];
        var postgresConnection = values.GetValueOrDefault("postgres-connection");
        if (postgresConnection is not null)
        {
            CheckLoopbackDatabase(postgresConnection);
        }

        var (killAfter, killPid) = Kill(values, duration, serverPids, postgresConnection);
        return new LoadOptions
        {
            Url = url,
            Users = Int(values, "users", 32, 1, 4096),
            Duration = duration,
            Interactions = values.ContainsKey("interactions") ? Int(values, "interactions", 0, 1, 10_000_000) : null,
            Warmup = warmup,
            Keywords = keywords,
            PagesPerSession = Int(values, "pages", 12, 1, 100_000),
            App = values.GetValueOrDefault("app") ?? "catalog-search",
            Timeout = Seconds(values, "timeout", 10, 0.1, 300),
            MaxTime = maxTime,
            Label = values.GetValueOrDefault("label") ?? url.GetLeftPart(UriPartial.Authority),
            JsonPath = values.GetValueOrDefault("json"),
            ServerPids = serverPids,
            PostgresPid = values.TryGetValue("postgres-pid", out var postmaster) ? Pid("postgres-pid", postmaster) : null,
            PostgresConnection = postgresConnection,
            KillAfter = killAfter,
            KillPid = killPid,
        };
    }

    // Only processes this run was told about may be killed, and only inside the measured window with time left to
    // see the recovery.
    private static (TimeSpan? After, int? Pid) Kill(Dictionary<string, string> values, TimeSpan? duration, List<(string Name, int Pid)> serverPids, string? postgresConnection)
    {
        var hasAfter = values.ContainsKey("kill-after");
        if (hasAfter != values.ContainsKey("kill-pid"))
        {
            throw new ArgumentException("--kill-after and --kill-pid go together.");
        }

        if (!hasAfter)
        {
            return (null, null);
        }

        if (duration is not { } window)
        {
            throw new ArgumentException("--kill-after needs --duration (a fixed measured window).");
        }

        if (window < TimeSpan.FromSeconds(6))
        {
            throw new ArgumentException("--kill-after needs a --duration of at least 6 s (time before and after the kill).");
        }

        var after = Seconds(values, "kill-after", 0, 1, window.TotalSeconds - 5);
        var text = values["kill-pid"];
        if (text == BusiestSilo)
        {
            if (postgresConnection is null || serverPids.Count == 0)
            {
                throw new ArgumentException("--kill-pid busiest needs --postgres-connection and --server-pids (the silos to choose from).");
            }

            return (after, null);
        }

        var pid = Pid("kill-pid", text);
        return serverPids.Any(p => p.Pid == pid)
            ? (after, pid)
            : throw new ArgumentException($"--kill-pid {pid} is not one of --server-pids.");
    }

    private static void CheckLoopbackDatabase(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"--postgres-connection is not a connection string: {exception.Message}", exception);
        }

        // A host starting with '/' is a Unix socket directory: this machine too.
        var hosts = (builder.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0 || hosts.Any(h => !h.StartsWith('/') && !IsLoopbackHost(h)))
        {
            throw new ArgumentException($"--postgres-connection must name a server on this machine (127.0.0.1, ::1, localhost), not '{builder.Host}'.");
        }
    }

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static (string Name, int Pid) NamedPid(string text) =>
        text.Split('=', 2) is [var name, var pid] ? (name, Pid("server-pids", pid)) : (text, Pid("server-pids", text));

    private static int Pid(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : throw new ArgumentException($"--{name} takes process ids (was '{text}').");

    private static bool IsLoopback(Uri url) => url.IsLoopback || IsLoopbackHost(url.Host);

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"--{name} must be a whole number from {min} to {max} (was '{text}').");
        }

        return value;
    }

    private static TimeSpan Seconds(Dictionary<string, string> values, string name, double fallback, double min, double max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return TimeSpan.FromSeconds(fallback);
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"--{name} must be a number of seconds from {min} to {max} (was '{text}').");
        }

        return TimeSpan.FromSeconds(value);
    }
}
