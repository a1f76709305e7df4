namespace OrleansPlatform.Runtime.Tests.Grains;

/// <summary>Records how many turns ran at once.</summary>
public interface IOverlapProbeGrain : IGrainWithIntegerKey
{
    Task Enter(int delayMs);

    Task<int> GetMaxConcurrency();

    Task<int> GetCalls();
}

/// <summary>A method that waits for a signal that another call sends: completes only if requests interleave.</summary>
public interface IInterleaveProbeGrain : IGrainWithIntegerKey
{
    Task<bool> WaitForSignal();

    Task Signal();

    Task<int> GetMaxParallelThreads();

    [AlwaysInterleave]
    Task SignalInterleaved();
}

public class OverlapProbeGrain : Grain, IOverlapProbeGrain
{
    private int _inside;
    private int _max;
    private int _calls;

    public async Task Enter(int delayMs)
    {
        var now = Interlocked.Increment(ref _inside);
        _max = Math.Max(_max, now);
        _calls++;
        await Task.Delay(delayMs);
        await Task.Yield();
        Interlocked.Decrement(ref _inside);
    }

    public Task<int> GetMaxConcurrency() => Task.FromResult(_max);

    public Task<int> GetCalls() => Task.FromResult(_calls);
}

public class NonReentrantInterleaveProbeGrain : InterleaveProbeBase
{
}

[Reentrant]
public class ReentrantInterleaveProbeGrain : InterleaveProbeBase
{
}

public abstract class InterleaveProbeBase : Grain, IInterleaveProbeGrain
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _threadsInside;
    private int _maxParallel;

    public async Task<bool> WaitForSignal()
    {
        Busy();
        await _signal.Task;
        Busy();
        _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return true;
    }

    public Task Signal()
    {
        Busy();
        _signal.TrySetResult();
        return Task.CompletedTask;
    }

    public Task SignalInterleaved() => Signal();

    public Task<int> GetMaxParallelThreads() => Task.FromResult(_maxParallel);

    // Spins briefly while counting threads inside: more than one at a time would mean turns ran in parallel.
    private void Busy()
    {
        var inside = Interlocked.Increment(ref _threadsInside);
        _maxParallel = Math.Max(_maxParallel, inside);
        Thread.SpinWait(20_000);
        Interlocked.Decrement(ref _threadsInside);
    }
}
