using System.Globalization;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// Cluster benchmarks with real Orleans silo processes on PostgreSQL: <c>rpc</c> (sequential call latency),
/// <c>pipelined</c> (throughput with many calls in flight), <c>failover</c> (kill -9 of a session's silo to the
/// session's first successful interaction) and <c>sessions</c> (session interactions with write-through persistence vs a
/// raw upsert of the same record; the record's size). Each prints markdown tables with a baseline measured in the same
/// run. See bench/README.md, section Cluster.
/// </summary>
public static class Program
{
    private const string Usage = """
        usage: OrleansPlatform.ClusterBench <rpc|pipelined|failover|sessions> [options]
          --postgres CS          connection string (default: $ORLEANSPLATFORM_BENCH_POSTGRES)
          --silo-dll PATH        the built silo (default: Silo/bin/<this tool's configuration>/net10.0/OrleansPlatform.Silo.dll)
          --out FILE             also append the markdown tables to FILE
          --timeout-s N          hard limit of the whole command; silos are killed and the tool exits 3 (default 150)
          --silo-settings S      extra settings for every silo, 'Key=Value;Key=Value' in environment form without the
                                 prefix, e.g. 'Membership__ProbeTimeout=00:00:00.500;GrainDirectory__RangeLeaseDuration=00:00:01'
          rpc:        --calls N (3000)  --warmup N (300)  --message-bytes N (150)
          pipelined:  --in-flight N (1000)  --warmup-s N (1)  --seconds N (3)  --message-bytes N (150)
          failover:   --runs N (5)  --sessions N (12)  --attempt-timeout-ms N (2000)
          sessions:   --calls N (2000)  --warmup N (200)  --sessions N (4)  --concurrency N (64)  --warmup-s N (2)  --seconds N (10)
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? 1 : 0;
        }

        BenchSettings settings;
        try
        {
            settings = BenchSettings.Parse(args[1..]);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync($"{exception.Message}\n{Usage}").ConfigureAwait(false);
            return 1;
        }

        // Silo processes never outlive the tool: on Ctrl+C, SIGTERM (e.g. from `timeout`) and normal exit, any silo this
        // tool started and did not stop yet is killed by its pid.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => SiloProcess.KillAllStarted();
        Console.CancelKeyPress += (_, _) => SiloProcess.KillAllStarted();
        using var watchdog = new Timer(
            _ =>
            {
                Console.Error.WriteLine($"clusterbench: {args[0]} exceeded --timeout-s {settings.TimeoutSeconds}; killing its silos");
                SiloProcess.KillAllStarted();
                Environment.Exit(3);
            },
            null,
            TimeSpan.FromSeconds(settings.TimeoutSeconds),
            Timeout.InfiniteTimeSpan);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds));

        var report = new Report(settings.OutFile);
        try
        {
            switch (args[0])
            {
                case "rpc":
                    await RpcBenchmark.RunAsync(settings, report, cancellation.Token).ConfigureAwait(false);
                    break;
                case "pipelined":
                    await PipelinedBenchmark.RunAsync(settings, report, cancellation.Token).ConfigureAwait(false);
                    break;
                case "failover":
                    await FailoverBenchmark.RunAsync(settings, report, cancellation.Token).ConfigureAwait(false);
                    break;
                case "sessions":
                    await SessionsBenchmark.RunAsync(settings, report, cancellation.Token).ConfigureAwait(false);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unknown command '{args[0]}'\n{Usage}").ConfigureAwait(false);
                    return 1;
            }

            return 0;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"clusterbench {args[0]} failed: {exception}").ConfigureAwait(false);
            return 2;
        }
        finally
        {
            SiloProcess.KillAllStarted();
            await report.FlushAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>Command-line settings shared by the commands.</summary>
internal sealed class BenchSettings
{
    private readonly Dictionary<string, string> _values;

    private BenchSettings(Dictionary<string, string> values, string postgres, string siloDll)
    {
        _values = values;
        Postgres = postgres;
        SiloDll = siloDll;
    }

    public string Postgres { get; }

    public string SiloDll { get; }

    public string? OutFile => _values.GetValueOrDefault("out");

    public int TimeoutSeconds => Int("timeout-s", 150);

    /// <summary>The <c>--silo-settings</c> pairs (environment form, e.g. <c>Membership__ProbeTimeout</c>), empty when not given.</summary>
    public IReadOnlyDictionary<string, string> SiloSettings =>
        (_values.GetValueOrDefault("silo-settings") ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(
                parts => parts.Length == 2 && parts[0].Length > 0 ? parts[0] : throw new ArgumentException($"--silo-settings: expected Key=Value, got '{string.Join('=', parts)}'"),
                parts => parts[1],
                StringComparer.Ordinal);

    public int Int(string name, int defaultValue) =>
        _values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : defaultValue;

    public static BenchSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected '--name value', got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        var postgres = values.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("ORLEANSPLATFORM_BENCH_POSTGRES");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new ArgumentException("no PostgreSQL: pass --postgres or set ORLEANSPLATFORM_BENCH_POSTGRES (bash bench/run.sh cluster starts a private server)");
        }

        var siloDll = values.GetValueOrDefault("silo-dll") ?? DefaultSiloDll();
        if (!File.Exists(siloDll))
        {
            throw new ArgumentException($"silo not built: {siloDll}");
        }

        var settings = new BenchSettings(values, postgres, siloDll);
        _ = settings.SiloSettings; // a malformed value is reported now, not halfway through a run
        return settings;
    }

    private static string DefaultSiloDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansPlatform.sln")))
            {
                return Path.Combine(dir.FullName, "Silo", "bin", configuration, "net10.0", "OrleansPlatform.Silo.dll");
            }
        }

        throw new ArgumentException("OrleansPlatform.sln not found above " + AppContext.BaseDirectory + "; pass --silo-dll");
    }
}

/// <summary>Console output, also appended to a markdown file when asked.</summary>
internal sealed class Report(string? outFile)
{
    private readonly List<string> _lines = [];

    public void Line(string text = "")
    {
        Console.WriteLine(text);
        _lines.Add(text);
    }

    /// <summary>Progress goes to stderr only.</summary>
    public static void Progress(string text) => Console.Error.WriteLine($"clusterbench {DateTime.Now:HH:mm:ss.fff} {text}");

    public async Task FlushAsync()
    {
        if (outFile is not null && _lines.Count > 0)
        {
            await File.AppendAllLinesAsync(outFile, _lines).ConfigureAwait(false);
            _lines.Clear();
        }
    }

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
