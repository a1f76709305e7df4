using System.Diagnostics;

namespace OrleansPlatform.ClusterBench;

/// <summary>The outcome of a fixed-time run of concurrent workers.</summary>
internal sealed record WorkerResult(long Completed, double Seconds, LatencySummary Latency, int Errors, string? FirstError)
{
    public double CallsPerSecond => Completed / Seconds;

    /// <summary>
    /// Runs <paramref name="workers"/> loops of <paramref name="call"/> (worker index as argument). Throughput counts the
    /// calls completing inside the measured window; latencies are those of calls both started and completed in it.
    /// </summary>
    public static async Task<WorkerResult> RunAsync(int workers, Func<int, Task> call, TimeSpan warmup, TimeSpan measure, CancellationToken cancellationToken)
    {
        var phase = 0; // 0: warm-up, 1: measuring, 2: stopping
        long completed = 0;
        var errors = 0;
        string? firstError = null;
        var latencies = new List<long>[workers];

        async Task WorkerAsync(int index)
        {
            var mine = latencies[index] = new List<long>(1024);
            await Task.Yield();
            while (Volatile.Read(ref phase) < 2)
            {
                var startPhase = Volatile.Read(ref phase);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await call(index).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{exception.GetType().Name}: {exception.Message}", null);
                    await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }

                var elapsed = Stopwatch.GetTimestamp() - start;
                if (Volatile.Read(ref phase) == 1)
                {
                    Interlocked.Increment(ref completed);
                    if (startPhase == 1)
                    {
                        mine.Add(elapsed);
                    }
                }
            }
        }

        var running = Enumerable.Range(0, workers).Select(WorkerAsync).ToArray();
        await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref phase, 1);
        var window = Stopwatch.StartNew();
        await Task.Delay(measure, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref phase, 2);
        var seconds = window.Elapsed.TotalSeconds;
        var counted = Interlocked.Read(ref completed);
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(45), cancellationToken).ConfigureAwait(false);
        return new WorkerResult(counted, seconds, LatencySummary.Of(latencies.SelectMany(l => l).ToList()), errors, firstError);
    }
}
