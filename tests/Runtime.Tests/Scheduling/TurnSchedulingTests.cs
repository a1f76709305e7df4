using OrleansPlatform.Runtime.Tests.Grains;
using OrleansPlatform.Runtime.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Scheduling;

public sealed class TurnSchedulingTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Concurrent_calls_to_a_non_reentrant_grain_never_overlap()
    {
        var grain = _silo.GrainFactory.GetGrain<IOverlapProbeGrain>(1);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => grain.Enter(2)));

        Assert.Equal(1, await grain.GetMaxConcurrency());
        Assert.Equal(50, await grain.GetCalls());
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_requests_but_never_runs_them_in_parallel()
    {
        var grain = _silo.GrainFactory.GetGrain<IInterleaveProbeGrain>(new GrainId("reentrantinterleaveprobe", "7"));

        var waiting = grain.WaitForSignal();
        await Task.Delay(50);
        await grain.Signal();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await grain.GetMaxParallelThreads());
    }

    [Fact]
    public async Task A_non_reentrant_grain_queues_a_request_behind_the_running_one()
    {
        var grain = _silo.GrainFactory.GetGrain<IInterleaveProbeGrain>(new GrainId("nonreentrantinterleaveprobe", "8"));

        var waiting = grain.WaitForSignal();
        await Task.Delay(50);
        var signal = grain.Signal();

        // Signal must not run while WaitForSignal holds the turn, so neither completes.
        var finished = await Task.WhenAny(signal, Task.Delay(300));
        Assert.NotSame(signal, finished);
        Assert.False(waiting.IsCompleted);

        // An [AlwaysInterleave] method may run alongside and releases both.
        await grain.SignalInterleaved();
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        await signal.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Call_chain_reentrancy_lets_A_to_B_to_A_complete()
    {
        var a = _silo.GrainFactory.GetGrain<IChainGrain>("chain-a");

        var result = await a.PingVia("chain-b").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("via chain-b: echo chain-a", result);
    }

    [Fact]
    public async Task A_deadlocking_cycle_fails_fast_with_the_chain_named()
    {
        var a = _silo.GrainFactory.GetGrain<IChainGrain>("dl-a");
        var b = _silo.GrainFactory.GetGrain<IChainGrain>("dl-b");
        var started = System.Diagnostics.Stopwatch.StartNew();

        // Both grains hold their turn, then call each other in separate call chains: a real deadlock.
        var ab = a.HoldThenCall("dl-b", 200);
        var ba = b.HoldThenCall("dl-a", 200);
        var outcomes = await Task.WhenAll(Capture(ab), Capture(ba)).WaitAsync(TimeSpan.FromSeconds(20));

        var deadlock = Assert.Single(outcomes.OfType<DeadlockException>().Take(1));
        Assert.Contains(new GrainId("chain", "dl-a"), deadlock.CallChain);
        Assert.Contains(new GrainId("chain", "dl-b"), deadlock.CallChain);
        Assert.Equal(deadlock.CallChain[0], deadlock.CallChain[^1]);
        Assert.Contains("chain/dl-a", deadlock.Message, StringComparison.Ordinal);
        Assert.Contains("chain/dl-b", deadlock.Message, StringComparison.Ordinal);

        // The response timeout is 30 s; detection, not the timeout, ended the cycle.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task A_three_grain_cycle_is_detected()
    {
        var a = _silo.GrainFactory.GetGrain<IChainGrain>("tri-a");
        var b = _silo.GrainFactory.GetGrain<IChainGrain>("tri-b");
        var c = _silo.GrainFactory.GetGrain<IChainGrain>("tri-c");

        var calls = new[] { a.HoldThenCall("tri-b", 300), b.HoldThenCall("tri-c", 300), c.HoldThenCall("tri-a", 300) };
        var outcomes = await Task.WhenAll(calls.Select(Capture)).WaitAsync(TimeSpan.FromSeconds(20));

        var deadlock = outcomes.OfType<DeadlockException>().First();
        Assert.Equal(4, deadlock.CallChain.Count);
        Assert.Equal(3, deadlock.CallChain.Distinct().Count());
    }

    private static async Task<object> Capture(Task<string> call)
    {
        try
        {
            return await call;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
