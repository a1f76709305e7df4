using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace OrleansPlatform.LoadTool;

/// <summary>
/// One run: the warm-up, then the measured window with its readings at both ends (load average, the servers' and
/// PostgreSQL's CPU time, PostgreSQL's statement counters), the kill of a server inside it when asked, and the summary.
/// </summary>
public static class LoadRun
{
    public static async Task<RunSummary> RunAsync(LoadOptions options)
    {
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

        // Connected (and the extension created) before the clock starts: a server without pg_stat_statements fails
        // the run now, not after the warm-up.
        await using var statements = options.PostgresConnection is { } connectionString
            ? await StatementCounter.OpenAsync(connectionString, hardStop.Token).ConfigureAwait(false)
            : null;

        var begin = Stopwatch.GetTimestamp();
        var measureStart = begin + Ticks(options.Warmup);
        long? measureEnd = options.Duration is { } duration ? measureStart + Ticks(duration) : null;
        var clock = new RunClock(measureStart, measureEnd, options.Interactions);
        var recorders = Enumerable.Range(0, options.Users).Select(_ => new UserRecorder(clock)).ToArray();

        var mode = options.Duration is { } d ? $"{d.TotalSeconds:0.#} s" : $"{options.Interactions} interactions per user";
        var kill = options.KillAfter is { } after ? $", kill -9 of {(options.KillPid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the busiest silo")} {after.TotalSeconds:0.#} s into it" : "";
        await Console.Error.WriteLineAsync($"loadtool: {options.Label}: {options.Users} users, warm-up {options.Warmup.TotalSeconds:0.#} s, then {mode}{kill} against {options.Url}").ConfigureAwait(false);

        var loadBefore = "";
        var cpu = new CpuMeter(options.ServerPids, options.PostgresPid);
        (Dictionary<string, double> Servers, double Postgres) cpuBefore = ([], 0), cpuAfter = ([], 0);
        StatementSnapshot? statementsBefore = null, statementsAfter = null;
        var measuring = Task.Run(async () =>
        {
            await Wait.UntilAsync(measureStart, hardStop.Token).ConfigureAwait(false);
            loadBefore = LoadAverage();
            cpuBefore = cpu.Enabled ? cpu.Read() : cpuBefore;
            statementsBefore = statements is null ? null : await statements.SnapshotAsync(hardStop.Token).ConfigureAwait(false);
            if (measureEnd is { } end)
            {
                await Wait.UntilAsync(end, hardStop.Token).ConfigureAwait(false);
                cpuAfter = cpu.Enabled ? cpu.Read() : cpuAfter;
                statementsAfter = statements is null ? null : await statements.SnapshotAsync(hardStop.Token).ConfigureAwait(false);
            }
        });
        var killing = options.KillAfter is { } killAfter
            ? new ServerKiller(options, cpu).KillAtAsync(measureStart + Ticks(killAfter), hardStop.Token)
            : null;
        var users = recorders.Select((recorder, i) => Task.Run(() => new SimulatedUser(i, http, options, clock, recorder).RunAsync(hardStop.Token))).ToArray();
        await Task.WhenAll(users).ConfigureAwait(false);
        await measuring.ConfigureAwait(false);
        var killed = killing is null ? null : await killing.ConfigureAwait(false);
        var loadAfter = LoadAverage();
        if (measureEnd is null)
        {
            cpuAfter = cpu.Enabled ? cpu.Read() : cpuAfter;
            statementsAfter = statements is null ? null : await statements.SnapshotAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (hardStop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"loadtool: stopped by --max-time ({options.MaxTime.TotalSeconds:0} s).").ConfigureAwait(false);
        }

        var measuredSeconds = measureEnd is { } last
            ? (last - measureStart) / (double)Stopwatch.Frequency
            : Math.Max(1, recorders.Max(r => r.LastEnded) - measureStart) / (double)Stopwatch.Frequency;
        var byKind = Enum.GetValues<InteractionKind>()
            .Select(kind => LatencySummary.Of(kind.ToString().ToLowerInvariant(), [.. recorders.SelectMany(r => r.Latencies(kind))]))
            .ToList();
        var all = LatencySummary.Of("all", [.. recorders.SelectMany(r => Enum.GetValues<InteractionKind>().SelectMany(r.Latencies))]);
        var errors = recorders.SelectMany(r => r.Errors)
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
        var completions = recorders.SelectMany(r => r.Completions).ToList();
        var timeline = TimelineBucket.Of(completions, measureStart, measuredSeconds);
        var measuredServers = options.ServerPids.Count > 0;
        return new RunSummary(
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
            measuredServers ? cpuAfter.Servers.Sum(s => s.Value - cpuBefore.Servers.GetValueOrDefault(s.Key)) : null,
            options.PostgresPid is not null ? cpuAfter.Postgres - cpuBefore.Postgres : null,
            measuredServers ? cpuAfter.Servers.ToDictionary(s => s.Key, s => s.Value - cpuBefore.Servers.GetValueOrDefault(s.Key), StringComparer.Ordinal) : null)
        {
            Postgres = statements?.Durability,
            PostgresStatements = statementsBefore is not null && statementsAfter is not null
                ? StatementStatistics.Of(statementsBefore, statementsAfter, all.Count)
                : null,
            Timeline = timeline,
            Failover = killed is null
                ? null
                : FailoverSummary.Of(killed, timeline, completions, measureStart, measuredSeconds, recorders.Sum(r => r.Overran), recorders.Max(r => r.LongestOverrun)),
        };
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static string LoadAverage()
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
}
