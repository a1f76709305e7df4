using OrleansPlatform.Runtime.Tests.Grains;
using OrleansPlatform.Runtime.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Timers;

public sealed class GrainTimerTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Ticks_slower_than_the_period_never_overlap_each_other_or_requests()
    {
        var grain = _silo.GrainFactory.GetGrain<ITimerGrain>("slow-ticks");

        await grain.Start(periodMs: 5, tickMs: 30);
        var stats = await Eventually.ReturnsAsync(grain.GetStats, s => s.Ticks >= 5);

        Assert.Equal(1, stats.MaxOverlap);
        Assert.Equal(0, stats.OverlapWithRequests);
    }

    [Fact]
    public async Task A_disposed_timer_stops_ticking()
    {
        var grain = _silo.GrainFactory.GetGrain<ITimerGrain>("stopped");
        await grain.Start(periodMs: 10, tickMs: 1);
        await Eventually.ReturnsAsync(grain.GetStats, s => s.Ticks >= 2);

        await grain.Stop();
        var afterStop = (await grain.GetStats()).Ticks;
        await Task.Delay(200);

        Assert.Equal(afterStop, (await grain.GetStats()).Ticks);
    }
}
