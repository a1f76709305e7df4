using System.Diagnostics;

namespace OrleansPlatform.ClusterBench;

/// <summary>Percentiles of latencies, in microseconds.</summary>
internal sealed record LatencySummary(int Count, double P50Us, double P99Us, double MeanUs, double MaxUs)
{
    /// <summary>From durations measured with <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public static LatencySummary Of(IReadOnlyCollection<long> stopwatchTicks) => OfMicroseconds(stopwatchTicks.Select(ToMicroseconds).ToList());

    /// <summary>From durations already in microseconds.</summary>
    public static LatencySummary OfMicroseconds(IReadOnlyCollection<double> microseconds)
    {
        if (microseconds.Count == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = microseconds.Order().ToArray();
        return new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Average(), sorted[^1]);
    }

    public static double ToMicroseconds(long stopwatchTicks) => stopwatchTicks * 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>The median of some values (mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
