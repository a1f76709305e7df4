using System.Diagnostics;

namespace OrleansPlatform.ClusterBench;

/// <summary>Percentiles of latencies measured with <see cref="Stopwatch.GetTimestamp"/>, in microseconds.</summary>
internal sealed record LatencySummary(int Count, double P50Us, double P99Us, double MeanUs, double MaxUs)
{
    public static LatencySummary Of(IReadOnlyCollection<long> stopwatchTicks)
    {
        if (stopwatchTicks.Count == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = stopwatchTicks.Select(ToMicroseconds).Order().ToArray();
        return new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Average(), sorted[^1]);
    }

    public static double ToMicroseconds(long stopwatchTicks) => stopwatchTicks * 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
