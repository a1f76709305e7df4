using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Scheduling;

namespace OrleansPlatform.Runtime.Timers;

/// <summary>
/// A grain timer. Each tick is queued to the activation as a turn; the next tick is armed only when the previous one
/// has finished, so ticks never overlap whatever the period. Disposed with the activation.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _disposed = new();
    private readonly object _lock = new();
    private readonly bool _interleave;
    private readonly bool _keepAlive;
    private ITimer? _timer;
    private readonly TimeSpan _dueTime;
    private TimeSpan _period;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options, TimeProvider timeProvider)
    {
        if (options.DueTime < TimeSpan.Zero && options.DueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Timer due time must not be negative (was {options.DueTime}).");
        }

        if (options.Period <= TimeSpan.Zero && options.Period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Timer period must be positive or infinite (was {options.Period}).");
        }

        _activation = activation;
        _callback = callback;
        _timeProvider = timeProvider;
        _interleave = options.Interleave;
        _keepAlive = options.KeepAlive;
        _dueTime = options.DueTime;
        _period = options.Period;
    }

    public void Start() => Arm(_dueTime);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _period = period;
        }

        Arm(dueTime);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            _timer?.Dispose();
            _timer = null;
        }

        _activation.RemoveTimer(this);
    }

    private void Arm(TimeSpan dueTime)
    {
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested || dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            _timer?.Dispose();
            _timer = _timeProvider.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnDue()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        if (!_activation.TryEnqueue(new TickWorkItem(this)))
        {
            Dispose();
        }
    }

    private async Task TickAsync()
    {
        try
        {
            await _callback(_disposed.Token);
        }
        catch (Exception exception) when (!_disposed.IsCancellationRequested)
        {
            RuntimeLog.TimerTickFailed(_activation.SharedServices.Logger, exception, _activation.GrainId);
        }
        catch (OperationCanceledException)
        {
            // Disposed during the tick: nothing to report.
        }

        TimeSpan period;
        lock (_lock)
        {
            period = _period;
        }

        Arm(period);
    }

    private sealed class TickWorkItem(GrainTimer timer) : WorkItem(callerChain: null, interleaves: timer._interleave)
    {
        public override string Description => "timer tick";

        public override bool CountsAsActivity => timer._keepAlive;

        public override bool IsAbandoned => timer._disposed.IsCancellationRequested;

        public override Task ExecuteAsync(ActivationData activation) => timer.TickAsync();

        public override void Fail(Exception exception)
        {
        }
    }
}
