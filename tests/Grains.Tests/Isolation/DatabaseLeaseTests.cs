using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.Grains.Isolation;

namespace OrleansPlatform.Grains.Tests.Isolation;

public sealed class DatabaseLeaseTests
{
    [Fact]
    public void Only_failed_checks_past_the_isolation_timeout_isolate_and_one_success_ends_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var lease = new DatabaseLease(time, Options.Create(new IsolationOptions { IsolationTimeout = TimeSpan.FromSeconds(1) }));
        Assert.False(lease.IsIsolated);

        // Failures within the timeout of the last success leave the silo serving.
        time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(LeaseTransition.None, lease.Failed());
        Assert.False(lease.IsIsolated);

        // Time alone (a starved probe loop) isolates nobody: only a failed check does.
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(lease.IsIsolated);
        Assert.Equal(LeaseTransition.None, lease.Succeeded());

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(LeaseTransition.None, lease.Failed());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(LeaseTransition.Lost, lease.Failed());
        Assert.True(lease.IsIsolated);
        Assert.Equal(LeaseTransition.None, lease.Failed());
        Assert.True(lease.IsIsolated);

        Assert.Equal(LeaseTransition.Regained, lease.Succeeded());
        Assert.False(lease.IsIsolated);
        Assert.Equal(LeaseTransition.None, lease.Succeeded());
    }
}
