using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPlatform.Silo.Hosting.Clustering;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Grains.Sessions;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Gateway.Sessions;

/// <summary>
/// Calls session grains for the front door. When the silo serving a session dies during a call, an attempt takes too
/// long, or the session refuses it unapplied (an ETag conflict), the call is sent again, bounded in time: an
/// interaction is idempotent by its sequence number (a repeat is replayed, not applied twice), reads are naturally
/// idempotent, and a repeated start finds the session started and reads its view. So the browser gets a normal page
/// while its session moves to another silo. Each call names its caller (<see cref="SessionCaller"/>): the signed-in
/// user, or anonymous.
/// </summary>
public sealed partial class SessionClient(
    IGrainFactory grains,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    IOptionsMonitor<SessionClientOptions> options,
    ILogger<SessionClient> logger,
    ClusterChangeMonitor? cluster = null)
{
    private static readonly TimeSpan s_firstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromMilliseconds(500);

    public Task<SessionReply> StartAsync(string sessionId, string applicationId, SessionCaller caller) =>
        RetryAsync(sessionId, caller, options.CurrentValue.StartAttemptTimeout, async attempt =>
        {
            var session = grains.GetGrain<ISessionGrain>(sessionId);
            try
            {
                return await session.Start(applicationId);
            }
            catch (SessionAlreadyStartedException) when (attempt > 0)
            {
                // An earlier attempt started it before its silo died.
                return await session.GetView();
            }
        });

    public Task<SessionReply> GetViewAsync(string sessionId, SessionCaller caller) =>
        RetryAsync(sessionId, caller, options.CurrentValue.CallAttemptTimeout, _ => grains.GetGrain<ISessionGrain>(sessionId).GetView());

    public Task<SessionReply> InteractAsync(string sessionId, SessionAction action, SessionCaller caller) =>
        RetryAsync(sessionId, caller, options.CurrentValue.CallAttemptTimeout, _ => grains.GetGrain<ISessionGrain>(sessionId).Interact(action));

    public Task EndAsync(string sessionId, SessionCaller caller) =>
        RetryAsync(sessionId, caller, options.CurrentValue.CallAttemptTimeout, async _ =>
        {
            await grains.GetGrain<ISessionGrain>(sessionId).End();
            return true;
        });

    private async Task<T> RetryAsync<T>(string sessionId, SessionCaller caller, TimeSpan attemptTimeout, Func<int, Task<T>> call)
    {
        // Every attempt's grain call carries who is calling (Orleans' request context), for the session's owner checks.
        using var identity = caller.Enter();
        var started = time.GetTimestamp();
        var current = options.CurrentValue;
        var delay = s_firstDelay;
        for (var attempt = 0; ; attempt++)
        {
            // A gateway connection that closes, or a silo declared dead, during the attempt may have taken the call with
            // it: send again at once.
            var connectionLost = cluster?.Changed ?? CancellationToken.None;
            var pending = call(attempt);
            try
            {
                return await pending.WaitAsync(attemptTimeout, time, connectionLost);
            }
            catch (Exception exception) when (ShouldRetry(exception, connectionLost.IsCancellationRequested, current) is { } budget
                && time.GetElapsedTime(started) + delay < budget)
            {
                if (!pending.IsCompleted)
                {
                    // Abandoned, not cancelled: it may still complete on a silo, which the seq rules make harmless.
                    _ = pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }

                var reason = exception.GetType().Name;
                LogRetrying(logger, sessionId, attempt + 1, reason);
                await Task.Delay(delay, time);
                delay = TimeSpan.FromTicks(Math.Min(s_maxDelay.Ticks, delay.Ticks * 2));
            }
        }
    }

    // How long a failure may be retried for, or null for none: overload is answered at once (a repeat only adds load), an
    // unreachable database briefly (a restart takes seconds; a longer outage is answered 503 rather than piling up
    // requests), a lost silo or a timed-out attempt for the whole budget (fail-over takes seconds).
    private static TimeSpan? ShouldRetry(Exception exception, bool connectionLost, SessionClientOptions options)
    {
        if (connectionLost)
        {
            return options.RetryBudget;
        }

        if (exception is OperationCanceledException || GatewayProblems.IsOverloaded(exception) || !GatewayProblems.IsUnavailable(exception))
        {
            return null;
        }

        return GatewayProblems.IsDatabaseUnavailable(exception) ? TimeSpan.FromTicks(Math.Min(options.DatabaseRetryBudget.Ticks, options.RetryBudget.Ticks)) : options.RetryBudget;
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Session {SessionId}: the call could not be answered ({Reason}); retrying (attempt {Attempt})")]
    private static partial void LogRetrying(ILogger logger, string sessionId, int attempt, string reason);
}
