namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>
/// A clock whose timestamps count from its creation instead of from the machine's boot: intervals, wall time and timers
/// are those of the clock it wraps. Orleans' silo watchdog (10.4.2) starts its platform thread before it records when
/// the component check last ran, so on a busy machine its first tick measures the time since timestamp 0 — the
/// machine's uptime on Linux — and warns "Participant check thread has not completed for 01:36:46 ... deadlock" (and
/// records a local health complaint). Counted from the silo's start, the unset timestamp reads as the few seconds the
/// silo has been starting, well inside the watchdog's 2 × LocalHealthDegradationMonitoringPeriod.
/// </summary>
internal sealed class SiloStartClock : TimeProvider
{
    private readonly TimeProvider clock;
    private readonly long origin;

    public SiloStartClock(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        origin = clock.GetTimestamp();
    }

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override long GetTimestamp() => clock.GetTimestamp() - origin;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        clock.CreateTimer(callback, state, dueTime, period);
}
