using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace OrleansPlatform.Workflows.Tests.Locks;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells which timers were created. Hosted services start on a thread of
/// their own (.NET 10 runs <c>ExecuteAsync</c> in the background), so a test must know the renewer's periodic timer
/// exists before it moves time, or the first period would begin only after the move.
/// </summary>
internal sealed class ObservedClock(FakeTimeProvider fake) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> periods = new();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = fake.CreateTimer(callback, state, dueTime, period);
        periods.Enqueue(period);
        return timer;
    }

    /// <summary>True once a periodic timer with <paramref name="period"/> was created.</summary>
    public bool HasPeriodicTimer(TimeSpan period) => periods.Contains(period);
}
