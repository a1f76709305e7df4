using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.Agent.Supervision;

namespace OrleansPlatform.Agent.Tests.Supervision;

public sealed class CrashLoopDetectorTests
{
    [Fact]
    public void N_failures_within_the_window_are_a_crash_loop()
    {
        var time = new FakeTimeProvider();
        var detector = new CrashLoopDetector(3, TimeSpan.FromMinutes(2));

        Assert.False(detector.RecordFailure(time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.False(detector.RecordFailure(time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(detector.RecordFailure(time.GetUtcNow()));
    }

    [Fact]
    public void Failures_further_apart_than_the_window_never_are()
    {
        var time = new FakeTimeProvider();
        var detector = new CrashLoopDetector(3, TimeSpan.FromMinutes(2));

        for (var i = 0; i < 20; i++)
        {
            Assert.False(detector.RecordFailure(time.GetUtcNow()));
            time.Advance(TimeSpan.FromSeconds(61));
        }

        Assert.Equal(2, detector.Count);
    }

    [Fact]
    public void Reset_forgets_the_failures()
    {
        var time = new FakeTimeProvider();
        var detector = new CrashLoopDetector(2, TimeSpan.FromMinutes(2));
        Assert.False(detector.RecordFailure(time.GetUtcNow()));
        detector.Reset();
        Assert.False(detector.RecordFailure(time.GetUtcNow()));
        Assert.True(detector.RecordFailure(time.GetUtcNow()));
    }
}
