namespace OrleansPlatform.Runtime.Tests.Grains;

/// <summary>A grain whose timer ticks take longer than the timer period.</summary>
public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(int periodMs, int tickMs);

    Task<(int Ticks, int MaxOverlap, int OverlapWithRequests)> GetStats();

    Task Stop();
}

public class TimerGrain : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private int _inside;
    private int _maxOverlap;
    private int _requestsInside;
    private int _overlapWithRequests;

    public Task Start(int periodMs, int tickMs)
    {
        _timer = RegisterGrainTimer(
            async cancellationToken =>
            {
                var now = Interlocked.Increment(ref _inside);
                _maxOverlap = Math.Max(_maxOverlap, now);
                if (Volatile.Read(ref _requestsInside) > 0)
                {
                    _overlapWithRequests++;
                }

                await Task.Delay(tickMs, cancellationToken);
                _ticks++;
                Interlocked.Decrement(ref _inside);
            },
            TimeSpan.FromMilliseconds(periodMs),
            TimeSpan.FromMilliseconds(periodMs));
        return Task.CompletedTask;
    }

    public async Task<(int Ticks, int MaxOverlap, int OverlapWithRequests)> GetStats()
    {
        Interlocked.Increment(ref _requestsInside);
        if (Volatile.Read(ref _inside) > 0)
        {
            _overlapWithRequests++;
        }

        await Task.Delay(5);
        Interlocked.Decrement(ref _requestsInside);
        return (_ticks, _maxOverlap, _overlapWithRequests);
    }

    public Task Stop()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }
}
