using System.Collections.Concurrent;

namespace OrleansPlatform.Runtime.Invocation;

/// <summary>
/// Enforces response timeouts of pending calls with one timer per silo instead of one timer per call: every sweep
/// fails the calls past their deadline with <see cref="GrainCallTimeoutException"/>. The sweep period is a quarter of
/// the response timeout, at most 200 ms, so a timeout fires at most that late.
/// </summary>
internal sealed class ResponseTimeouts : IDisposable
{
    private readonly ConcurrentDictionary<IPendingCall, byte> _pending = new(ReferenceEqualityComparer.Instance);
    private readonly ITimer _timer;

    public ResponseTimeouts(TimeProvider timeProvider, TimeSpan responseTimeout)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(responseTimeout.TotalMilliseconds / 4, 10, 200));
        _timer = timeProvider.CreateTimer(static s => ((ResponseTimeouts)s!).Sweep(), this, period, period);
    }

    public void Track(IPendingCall call) => _pending.TryAdd(call, 0);

    public void Untrack(IPendingCall call) => _pending.TryRemove(call, out _);

    public void Dispose() => _timer.Dispose();

    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var (call, _) in _pending)
        {
            if (call.DeadlineTickMs <= now)
            {
                _pending.TryRemove(call, out _);
                call.TimeOut();
            }
        }
    }
}

/// <summary>A call waiting for its response, as <see cref="ResponseTimeouts"/> sees it.</summary>
internal interface IPendingCall
{
    long DeadlineTickMs { get; }

    /// <summary>Fails the call with a timeout (no effect once it completed).</summary>
    void TimeOut();
}
