using System.Diagnostics;

namespace OrleansPlatform.LoadTool;

/// <summary>Latency figures of one kind of interaction (or all), in milliseconds.</summary>
public sealed record LatencySummary(string Kind, long Count, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    /// <summary>Summarises Stopwatch-tick latencies (percentiles by nearest rank).</summary>
    public static LatencySummary Of(string kind, List<long> ticks)
    {
        ticks.Sort();
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        double Percentile(double p) => ticks.Count == 0 ? 0 : Ms(ticks[Math.Clamp((int)Math.Ceiling(p * ticks.Count) - 1, 0, ticks.Count - 1)]);
        return new LatencySummary(
            kind,
            ticks.Count,
            ticks.Count == 0 ? 0 : Ms((long)ticks.Average()),
            Percentile(0.50),
            Percentile(0.95),
            Percentile(0.99),
            ticks.Count == 0 ? 0 : Ms(ticks[^1]));
    }
}
