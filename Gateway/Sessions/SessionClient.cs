using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Runtime;

namespace OrleansPlatform.Gateway.Sessions;

/// <summary>
/// Calls session grains for the front door. When the silo serving a session dies during a call (or the call times
/// out), the call is sent again, bounded in time: an interaction is idempotent by its sequence number (a repeat is
/// replayed, not applied twice), reads are naturally idempotent, and a repeated start finds the session started and
/// reads its view. So the browser gets a normal page while its session moves to another silo.
/// </summary>
public sealed partial class SessionClient(IGrainFactory grains, ILogger<SessionClient> logger)
{
    private static readonly TimeSpan s_retryBudget = TimeSpan.FromSeconds(25);

    public Task<SessionReply> StartAsync(string sessionId, string applicationId) =>
        RetryAsync(sessionId, async attempt =>
        {
            var session = grains.GetGrain<ISessionGrain>(sessionId);
            try
            {
                return await session.Start(applicationId);
            }
            catch (InvalidOperationException) when (attempt > 0)
            {
                // An earlier attempt started it before its silo died.
                return await session.GetView();
            }
        });

    public Task<SessionReply> GetViewAsync(string sessionId) =>
        RetryAsync(sessionId, _ => grains.GetGrain<ISessionGrain>(sessionId).GetView());

    public Task<SessionReply> InteractAsync(string sessionId, SessionAction action) =>
        RetryAsync(sessionId, _ => grains.GetGrain<ISessionGrain>(sessionId).Interact(action));

    public Task EndAsync(string sessionId) =>
        RetryAsync(sessionId, async _ =>
        {
            await grains.GetGrain<ISessionGrain>(sessionId).End();
            return true;
        });

    private async Task<T> RetryAsync<T>(string sessionId, Func<int, Task<T>> call)
    {
        var deadline = Environment.TickCount64 + (long)s_retryBudget.TotalMilliseconds;
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(attempt);
            }
            catch (Exception exception) when (exception is SiloUnavailableException or GrainCallTimeoutException
                && Environment.TickCount64 + delay.TotalMilliseconds < deadline)
            {
                var reason = exception.GetType().Name;
                LogRetrying(logger, sessionId, attempt + 1, reason);
                await Task.Delay(delay);
                delay = TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 2));
            }
        }
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Session {SessionId}: its silo was lost during the call; retrying (attempt {Attempt}, {Reason})")]
    private static partial void LogRetrying(ILogger logger, string sessionId, int attempt, string reason);
}
