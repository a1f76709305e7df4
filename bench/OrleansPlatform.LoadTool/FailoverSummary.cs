using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OrleansPlatform.LoadTool;

/// <summary>
/// What users saw around a kill -9 of a server. Times are seconds from the start of the measured window. The fail-over
/// window runs from the kill to the start of the first of three consecutive seconds whose completed interactions are
/// each at least 90% of the median per second before the kill (the recovery), or to the end of the measured window
/// when that never happens; its latencies are those of every interaction in flight at any time inside it (successes
/// and errors).
/// </summary>
public sealed record FailoverSummary(
    string Victim,
    int Pid,
    string Choice,
    double KilledAtSeconds,
    double PreKillPerSecond,
    double? RecoveredAfterSeconds,
    double WindowEndSeconds,
    long WindowInteractions,
    long WindowErrors,
    IReadOnlyDictionary<string, long> WindowErrorsByReason,
    double WindowP50Ms,
    double WindowP99Ms,
    double WindowMaxMs,
    int Overran,
    double LongestOverrunMs)
{
    private const double RecoveredShare = 0.9;
    private const int RecoveredSeconds = 3;

    /// <summary>The fail-over section of the text report; <paramref name="windowErrors"/>: errors of the whole measured window.</summary>
    public void AppendText(StringBuilder text, IReadOnlyDictionary<string, long> windowErrors)
    {
        var recovery = RecoveredAfterSeconds is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"recovered in {r:0.00} s (>= 90% of it for 3 s from {WindowEndSeconds:0.00} s)")
            : "NOT recovered to 90% for 3 s before the end of the window";
        text.AppendLine(CultureInfo.InvariantCulture, $"fail-over: kill -9 of {Victim} (pid {Pid}; {Choice}) at {KilledAtSeconds:0.00} s into the window");
        text.AppendLine(CultureInfo.InvariantCulture, $"  before the kill {PreKillPerSecond:N1} interactions/s (median per second); {recovery}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  fail-over window {KilledAtSeconds:0.00}-{WindowEndSeconds:0.00} s: {WindowInteractions:N0} interactions in flight in it, p50 {WindowP50Ms:0.0} ms, p99 {WindowP99Ms:0.0} ms, max {WindowMaxMs:0.0} ms, {WindowErrors:N0} errors{Reasons(WindowErrorsByReason)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  errors users saw in the whole window: {windowErrors.Values.Sum():N0}{Reasons(windowErrors)}");
        if (Overran > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Overran:N0} interactions started in the window ended after it (not counted above; longest {LongestOverrunMs:0.0} ms)");
        }

        static string Reasons(IReadOnlyDictionary<string, long> errors) =>
            errors.Count == 0 ? "" : " (" + string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}: {e.Value:N0}"))) + ")";
    }

    /// <summary>One line to quote and grep: the figures of the goal.</summary>
    public string SummaryLine(long windowErrorCount) =>
        string.Create(CultureInfo.InvariantCulture, $"failover: killed {Victim} at {KilledAtSeconds:0.0} s; errors {windowErrorCount:N0}; fail-over window p99 {WindowP99Ms:0.0} ms, max {WindowMaxMs:0.0} ms; recovery {(RecoveredAfterSeconds is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "none within the window")}");

    public static FailoverSummary Of(KillRecord kill, IReadOnlyList<TimelineBucket> timeline, IReadOnlyCollection<Completion> completions, long measureStart, double windowSeconds, int overran, long longestOverrunTicks)
    {
        double Seconds(long timestamp) => (timestamp - measureStart) / (double)Stopwatch.Frequency;
        var killedAt = Seconds(kill.At);
        // The median of the whole seconds before the kill: a slow start of the window (a cold cluster still catching
        // up after the warm-up) must not lower the bar the recovery is measured against.
        var before = timeline.Where(b => b.Second + 1 <= killedAt).Select(b => (double)b.Completed).Order().ToList();
        var preKill = before.Count == 0 ? 0 : before.Count % 2 == 1 ? before[before.Count / 2] : (before[(before.Count / 2) - 1] + before[before.Count / 2]) / 2;

        // The kill lands a few ms after the whole second it was scheduled for: that second is the first candidate.
        var nearest = Math.Round(killedAt);
        var first = (int)(Math.Abs(killedAt - nearest) < 0.05 ? nearest : Math.Ceiling(killedAt));
        int? recovered = null;
        for (var i = first; i + RecoveredSeconds <= timeline.Count; i++)
        {
            if (timeline.Skip(i).Take(RecoveredSeconds).All(b => b.Completed >= RecoveredShare * preKill))
            {
                recovered = i;
                break;
            }
        }

        var windowEnd = recovered is { } r ? Math.Max(r, killedAt) : windowSeconds;
        var windowEndTimestamp = measureStart + (long)(windowEnd * Stopwatch.Frequency);
        var affected = completions.Where(c => c.Started < windowEndTimestamp && c.Ended > kill.At).ToList();
        var latency = LatencySummary.Of("failover", [.. affected.Select(c => c.LatencyTicks)]);
        var errors = affected.Where(c => !c.Succeeded)
            .GroupBy(c => c.Error!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        return new FailoverSummary(
            kill.Name,
            kill.Pid,
            kill.Choice,
            killedAt,
            preKill,
            recovered is null ? null : windowEnd - killedAt,
            windowEnd,
            affected.Count,
            errors.Values.Sum(),
            errors,
            latency.P50Ms,
            latency.P99Ms,
            latency.MaxMs,
            overran,
            longestOverrunTicks * 1000.0 / Stopwatch.Frequency);
    }
}
