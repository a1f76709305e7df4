using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OrleansPlatform.LoadTool;

/// <summary>
/// One second of the measured window, by completion time: interactions that succeeded, errors, and the latency of the
/// successful ones (ms; 0 when none).
/// </summary>
public sealed record TimelineBucket(int Second, long Completed, long Errors, double P50Ms, double P99Ms, double MaxMs)
{
    /// <summary>The timeline as a table, the kill's second marked.</summary>
    public static void AppendText(StringBuilder text, IReadOnlyList<TimelineBucket> timeline, double killedAtSeconds)
    {
        text.AppendLine("per second of the window (by completion time; latency of the successful ones):");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"s",4} {"done",7} {"errors",7} {"p50 ms",9} {"p99 ms",9} {"max ms",9}");
        foreach (var b in timeline)
        {
            var mark = b.Second == (int)Math.Floor(killedAtSeconds) ? "  <- kill" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {b.Second,4} {b.Completed,7:N0} {b.Errors,7:N0} {b.P50Ms,9:0.0} {b.P99Ms,9:0.0} {b.MaxMs,9:0.0}{mark}");
        }
    }

    /// <summary>Buckets 0 .. ceil(window) - 1 of the interactions, relative to <paramref name="measureStart"/>.</summary>
    public static IReadOnlyList<TimelineBucket> Of(IEnumerable<Completion> completions, long measureStart, double windowSeconds)
    {
        var count = Math.Max(1, (int)Math.Ceiling(windowSeconds));
        var latencies = Enumerable.Range(0, count).Select(_ => new List<long>()).ToArray();
        var errors = new long[count];
        foreach (var completion in completions)
        {
            var second = (int)Math.Floor((completion.Ended - measureStart) / (double)Stopwatch.Frequency);
            if (second < 0 || second >= count)
            {
                continue;
            }

            if (completion.Succeeded)
            {
                latencies[second].Add(completion.LatencyTicks);
            }
            else
            {
                errors[second]++;
            }
        }

        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var summary = LatencySummary.Of("second", latencies[i]);
            return new TimelineBucket(i, summary.Count, errors[i], summary.P50Ms, summary.P99Ms, summary.MaxMs);
        })];
    }
}
