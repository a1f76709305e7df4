using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using OrleansPlatform.LoadTool;

// A load tool for the sessions JSON API (see LoadOptions.Usage and bench/README.md).
if (args.Length > 0 && args[0] is "-h" or "--help")
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

if (args.Length > 0 && args[0] == "compare")
{
    if (args.Length != 3)
    {
        await Console.Error.WriteLineAsync(LoadOptions.Usage);
        return 2;
    }

    var a = RunSummary.FromJson(await File.ReadAllTextAsync(args[1]));
    var b = RunSummary.FromJson(await File.ReadAllTextAsync(args[2]));
    Console.Write(RunSummary.Compare(a, b));
    return 0;
}

LoadOptions options;
try
{
    options = LoadOptions.Parse(args.Length > 0 && args[0] == "run" ? args[1..] : args);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync($"loadtool: {exception.Message}\n\n{LoadOptions.Usage}");
    return 2;
}

using var handler = new SocketsHttpHandler
{
    UseCookies = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseProxy = false,
    ConnectTimeout = TimeSpan.FromSeconds(5),
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    MaxConnectionsPerServer = options.Users,
};
using var http = new HttpClient(handler) { Timeout = options.Timeout };
http.DefaultRequestHeaders.Accept.ParseAdd("application/json");

using var hardStop = new CancellationTokenSource(options.MaxTime);
var begin = Stopwatch.GetTimestamp();
var measureStart = begin + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
long? measureEnd = options.Duration is { } duration ? measureStart + (long)(duration.TotalSeconds * Stopwatch.Frequency) : null;
var clock = new RunClock(measureStart, measureEnd, options.Interactions);
var recorders = Enumerable.Range(0, options.Users).Select(_ => new UserRecorder(clock)).ToArray();

var mode = options.Duration is { } d ? $"{d.TotalSeconds:0.#} s" : $"{options.Interactions} interactions per user";
await Console.Error.WriteLineAsync($"loadtool: {options.Label}: {options.Users} users, warm-up {options.Warmup.TotalSeconds:0.#} s, then {mode} against {options.Url}");
var loadBefore = "";
var cpu = new CpuMeter(options.ServerPids, options.PostgresPid);
(Dictionary<string, double> Servers, double Postgres) cpuBefore = ([], 0), cpuAfter = ([], 0);
var measuring = Task.Run(async () =>
{
    await DelayUntilAsync(measureStart, hardStop.Token);
    loadBefore = LoadAverage();
    cpuBefore = cpu.Enabled ? cpu.Read() : cpuBefore;
    if (measureEnd is { } end)
    {
        await DelayUntilAsync(end, hardStop.Token);
        cpuAfter = cpu.Enabled ? cpu.Read() : cpuAfter;
    }
});
var users = recorders.Select((recorder, i) => Task.Run(() => new SimulatedUser(i, http, options, clock, recorder).RunAsync(hardStop.Token))).ToArray();
await Task.WhenAll(users);
await measuring;
var loadAfter = LoadAverage();
if (measureEnd is null && cpu.Enabled)
{
    cpuAfter = cpu.Read();
}

if (hardStop.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync($"loadtool: stopped by --max-time ({options.MaxTime.TotalSeconds:0} s).");
}

var measuredSeconds = measureEnd is { } end
    ? (end - measureStart) / (double)Stopwatch.Frequency
    : Math.Max(1, recorders.Max(r => r.LastEnded) - measureStart) / (double)Stopwatch.Frequency;
var byKind = Enum.GetValues<InteractionKind>()
    .Select(kind => LatencySummary.Of(kind.ToString().ToLowerInvariant(), [.. recorders.SelectMany(r => r.Latencies(kind))]))
    .ToList();
var all = LatencySummary.Of("all", [.. recorders.SelectMany(r => Enum.GetValues<InteractionKind>().SelectMany(r.Latencies))]);
var errors = recorders.SelectMany(r => r.Errors)
    .GroupBy(e => e.Key, StringComparer.Ordinal)
    .ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
var summary = new RunSummary(
    options.Label,
    options.Url.ToString(),
    options.Users,
    options.Warmup.TotalSeconds,
    measuredSeconds,
    all.Count,
    all.Count / measuredSeconds,
    all,
    byKind,
    errors.Values.Sum(),
    errors,
    $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}",
    loadBefore,
    loadAfter,
    options.ServerPids.Count > 0 ? cpuAfter.Servers.Sum(s => s.Value - cpuBefore.Servers.GetValueOrDefault(s.Key)) : null,
    options.PostgresPid is not null ? cpuAfter.Postgres - cpuBefore.Postgres : null,
    options.ServerPids.Count > 0 ? cpuAfter.Servers.ToDictionary(s => s.Key, s => s.Value - cpuBefore.Servers.GetValueOrDefault(s.Key), StringComparer.Ordinal) : null);

Console.Write(summary.ToText());
if (options.JsonPath is { } jsonPath)
{
    await File.WriteAllTextAsync(jsonPath, summary.ToJson());
}

return all.Count == 0 ? 1 : 0;

static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
{
    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
    if (wait > TimeSpan.Zero)
    {
        await Task.Delay(wait, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}

static string LoadAverage()
{
    try
    {
        var parts = File.ReadAllText("/proc/loadavg").Split(' ');
        return string.Join(' ', parts.Take(3));
    }
    catch (IOException)
    {
        return "n/a";
    }
    catch (UnauthorizedAccessException)
    {
        return "n/a";
    }
}

