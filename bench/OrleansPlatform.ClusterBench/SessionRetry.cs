using Orleans.Networking.Shared;
using Orleans.Runtime.Messaging;
using OrleansPlatform.Grains.Sessions;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// A session call retried the way the Gateway retries it (Gateway/Sessions/SessionClient.cs): each attempt is abandoned
/// after a per-attempt timeout; a failure that says nothing about the request (the same list as
/// <c>GatewayProblems.IsUnavailable</c>) is retried after a back-off of 50 ms doubling up to 500 ms; anything else ends
/// the call. Interactions are idempotent by seq, so an abandoned attempt that still lands is harmless.
/// </summary>
internal static class SessionRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>True for a failure the Gateway retries.</summary>
    public static bool IsRetriable(Exception exception) =>
        exception is OrleansMessageRejectionException or TimeoutException or SessionConflictException
            or ConnectionFailedException or SocketConnectionException
            or GatewayTooBusyException or LimitExceededException or ClientNotAvailableException or OperationCanceledException;

    /// <summary>Calls until an attempt succeeds or <paramref name="budget"/> is spent; counts every failed attempt by exception type.</summary>
    public static async Task<RetryOutcome<T>> CallAsync<T>(Func<Task<T>> call, TimeSpan attemptTimeout, TimeSpan budget, CancellationToken cancellationToken)
    {
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        var delay = FirstDelay;
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pending = call();
            try
            {
                var value = await pending.WaitAsync(attemptTimeout, cancellationToken).ConfigureAwait(false);
                return new RetryOutcome<T>(value, attempt, failures, null);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (!pending.IsCompleted)
                {
                    // Abandoned, not cancelled (as the Gateway does): observe its fault so it is not unobserved.
                    _ = pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }

                var name = exception.GetType().Name;
                failures[name] = failures.GetValueOrDefault(name) + 1;
                if (!IsRetriable(exception) || started.Elapsed + delay >= budget)
                {
                    return new RetryOutcome<T>(default, attempt, failures, $"{name}: {exception.Message}");
                }
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
        }
    }
}
