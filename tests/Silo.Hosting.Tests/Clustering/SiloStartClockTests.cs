using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.Silo.Hosting.Clustering;

namespace OrleansPlatform.Silo.Hosting.Tests.Clustering;

public sealed class SiloStartClockTests
{
    [Fact]
    public void A_timestamp_never_set_reads_as_the_time_since_the_first_reading_not_since_boot_or_the_clocks_creation()
    {
        var machine = new FakeTimeProvider();
        machine.Advance(TimeSpan.FromHours(5)); // the machine has been up for 5 h
        var clock = new SiloStartClock(machine);
        machine.Advance(TimeSpan.FromSeconds(83)); // a warm standby waits at its gate with its services composed

        // The watchdog's Start reads the clock, then its thread ticks before it records the participant check.
        var started = clock.GetTimestamp();
        machine.Advance(TimeSpan.FromSeconds(3));

        // What Orleans' watchdog computes for a timestamp it has not recorded yet (0).
        Assert.Equal(TimeSpan.FromSeconds(3), clock.GetElapsedTime(0));
        Assert.Equal(TimeSpan.FromSeconds(3), clock.GetElapsedTime(started));
    }

    [Fact]
    public void Intervals_wall_time_and_timers_are_those_of_the_wrapped_clock()
    {
        var machine = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var clock = new SiloStartClock(machine);
        var start = clock.GetTimestamp();
        machine.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.GetElapsedTime(start));
        Assert.Equal(machine.TimestampFrequency, clock.TimestampFrequency);
        Assert.Equal(machine.GetUtcNow(), clock.GetUtcNow());

        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        machine.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
    }
}
