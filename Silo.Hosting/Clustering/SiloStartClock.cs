namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>
/// A clock whose timestamps count from its first reading instead of from the machine's boot: intervals, wall time and
/// timers are those of the clock it wraps. Orleans' silo watchdog (10.4.2) starts its platform thread before it records when
/// the component check last ran, so on a busy machine its first tick measures the time since timestamp 0 — the
/// machine's uptime on Linux — and warns "Participant check thread has not completed for 01:36:46 ... deadlock" (and
/// records a local health complaint). Counted from the silo's start, the unset timestamp reads as the few seconds the
/// silo has been starting, well inside the watchdog's 2 × LocalHealthDegradationMonitoringPeriod. The origin is the first
/// reading, not the clock's creation: a warm standby composes its services (this clock included) at process start, then
/// waits at its gate for minutes before the watchdog starts, and the watchdog's <c>Start</c> reads the clock first.
/// </summary>
internal sealed class SiloStartClock : TimeProvider
{
    private const long Unset = long.MinValue;
    private readonly TimeProvider clock;
    private long origin = Unset;

    public SiloStartClock(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
    }

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override long GetTimestamp()
    {
        var now = clock.GetTimestamp();
        var first = Interlocked.CompareExchange(ref origin, now, Unset);
        return now - (first == Unset ? now : first);
    }

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        clock.CreateTimer(callback, state, dueTime, period);
}
