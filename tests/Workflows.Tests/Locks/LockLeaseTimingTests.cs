using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Workflows.Tests.Locks;

/// <summary>
/// Lease timing on the platform clock, driven by a <see cref="FakeTimeProvider"/>: renewal every third of the lease,
/// each renewal with its own timeout, and <see cref="ClusterLockHandle.IsHeld"/> bounded by a lease since the last
/// confirmed renewal. The database is real (its leases run on its own clock and are long here: 30 s of real time).
/// </summary>
public sealed class LockLeaseTimingTests : IClassFixture<TestDatabaseFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Period = Lease / 3;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private readonly TestDatabaseFixture databases;

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.Zero };
    private readonly ObservedClock observed;

    public LockLeaseTimingTests(TestDatabaseFixture databases)
    {
        this.databases = databases;
        observed = new ObservedClock(clock);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Renewal_keeps_a_lock_past_its_lease_and_marks_it_lost_once_released_elsewhere(string provider)
    {
        ScriptedLockStore? store = null;
        await using var silo = await StartAsync(provider, _ => RenewalBehaviour.Renew, created => store = created);
        var name = LockTestSilo.NewLockName("renewed");
        var other = new LockOwner("other", LockTestSilo.NewSiloId());
        var start = clock.GetTimestamp();
        await StartRenewerAsync(silo);
        try
        {
            var handle = (HeldClusterLock)await silo.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);
            Assert.Equal(1, silo.Renewer.Count);
            var firstExpiry = await ClusterLockTests.LeaseExpiryAsync(silo, name);

            // Three renewals, one every third of the lease: a whole lease after the acquisition, the lock is still held.
            for (var round = 1; round <= 3; round++)
            {
                clock.Advance(Period);
                var sentAt = Stamp(start, Period * round);
                await Eventually.ReturnsAsync(() => Task.FromResult(handle.RenewedAtTimestamp), stamp => stamp == sentAt, Within);
            }

            Assert.Equal(3, store!.RenewCalls);
            Assert.True(handle.IsHeld);
            var expiry = await ClusterLockTests.LeaseExpiryAsync(silo, name);
            Assert.Equal(expiry, handle.Grant.LeaseExpiresAtMs);
            Assert.True(expiry >= firstExpiry, $"renewed lease ends at {expiry}, before the first one ({firstExpiry})");
            Assert.Null(await silo.Store.TryAcquireAsync(name, LockMode.Shared, other, Lease, CancellationToken.None));

            // The deactivation path releases everything of the owner behind the handle's back; the next renewal notices.
            Assert.Equal(1, await silo.Store.ReleaseOwnerAsync(silo.Owner.OwnerId, CancellationToken.None));
            clock.Advance(Period);
            await Eventually.ReturnsAsync(() => Task.FromResult(silo.Renewer.Count), count => count == 0, Within);
            Assert.False(handle.IsHeld);
            Assert.Contains("not held", handle.ToString(), StringComparison.Ordinal);
            Assert.NotNull(await silo.Store.TryAcquireAsync(name, LockMode.Exclusive, other, Lease, CancellationToken.None));

            // Releasing a lost handle is harmless and does not remove the new holder.
            await handle.ReleaseAsync();
            Assert.Null(await silo.Store.TryAcquireAsync(name, LockMode.Shared, new LockOwner("third", other.SiloId), Lease, CancellationToken.None));
        }
        finally
        {
            await silo.Renewer.StopAsync(CancellationToken.None);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_lock_whose_renewal_never_answers_is_not_held_once_a_whole_lease_has_passed(string provider)
    {
        ScriptedLockStore? store = null;
        await using var silo = await StartAsync(provider, _ => RenewalBehaviour.StallForever, created => store = created);
        await StartRenewerAsync(silo);
        try
        {
            var handle = await silo.Locks.AcquireAsync(LockTestSilo.NewLockName("stalled"), LockMode.Exclusive, TimeSpan.Zero);
            clock.Advance(Period);
            await Eventually.ReturnsAsync(() => Task.FromResult(store!.RenewCalls), calls => calls == 1, Within);

            // The renewal hangs (ignoring its timeout, as a wedged driver might); the renewer never hears back.
            clock.Advance(Lease - Period - Tick);
            Assert.True(handle.IsHeld);
            clock.Advance(Tick);
            Assert.False(handle.IsHeld);
            Assert.Equal(1, store!.RenewCalls);
        }
        finally
        {
            store!.ReleaseStalls();
            await silo.Renewer.StopAsync(CancellationToken.None);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Each_renewal_has_its_own_timeout_so_a_stalled_one_does_not_keep_the_next_from_saving_the_lease(string provider)
    {
        ScriptedLockStore? store = null;
        await using var silo = await StartAsync(provider, call => call == 1 ? RenewalBehaviour.StallUntilCancelled : RenewalBehaviour.Renew, created => store = created);
        var start = clock.GetTimestamp();
        await StartRenewerAsync(silo);
        try
        {
            var handle = (HeldClusterLock)await silo.Locks.AcquireAsync(LockTestSilo.NewLockName("timeout"), LockMode.Exclusive, TimeSpan.Zero);
            clock.Advance(Period);
            await Eventually.ReturnsAsync(() => Task.FromResult(store!.StalledRenewals), stalled => stalled == 1, Within);

            // The stalled renewal is given up a third of the lease after it was sent, not earlier.
            clock.Advance(Period - Tick);
            Assert.Equal(0, store!.CancelledRenewals);
            clock.Advance(Tick);
            await Eventually.ReturnsAsync(() => Task.FromResult(store.CancelledRenewals), cancelled => cancelled == 1, Within);

            // The renewer is free again: the next renewal goes out and is confirmed.
            await Eventually.ReturnsAsync(() => Task.FromResult(handle.RenewedAtTimestamp), stamp => stamp == Stamp(start, 2 * Period), Within);
            Assert.True(store.RenewCalls >= 2);
            Assert.Equal(1, silo.Renewer.Count);

            // Past the end of the first lease the lock is held: the renewal after the timeout saved it.
            clock.Advance(Period + (Period / 2));
            Assert.True(handle.IsHeld);
        }
        finally
        {
            await silo.Renewer.StopAsync(CancellationToken.None);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task While_renewals_fail_a_lock_is_held_until_a_lease_after_the_last_confirmed_renewal_was_sent(string provider)
    {
        ScriptedLockStore? store = null;
        await using var silo = await StartAsync(provider, call => call == 1 ? RenewalBehaviour.RenewThenHold : RenewalBehaviour.Fail, created => store = created);
        var start = clock.GetTimestamp();
        await StartRenewerAsync(silo);
        try
        {
            var handle = (HeldClusterLock)await silo.Locks.AcquireAsync(LockTestSilo.NewLockName("failing"), LockMode.Exclusive, TimeSpan.Zero);

            // The one renewal that succeeds is sent at 10 s and answers at 14 s: the lease counts from when it was sent.
            clock.Advance(Period);
            await Eventually.ReturnsAsync(() => Task.FromResult(store!.HeldRenewals), held => held == 1, Within);
            clock.Advance(TimeSpan.FromSeconds(4));
            Assert.Equal(start, handle.RenewedAtTimestamp);
            store!.ReleaseHeld();
            await Eventually.ReturnsAsync(() => Task.FromResult(handle.RenewedAtTimestamp), stamp => stamp == Stamp(start, Period), Within);

            // Renewals at 20 s and 30 s fail; a whole lease after the acquisition the lock is still held.
            clock.Advance(Period - TimeSpan.FromSeconds(4));
            await Eventually.ReturnsAsync(() => Task.FromResult(store!.RenewCalls), calls => calls == 2, Within);
            clock.Advance(Period);
            await Eventually.ReturnsAsync(() => Task.FromResult(store!.RenewCalls), calls => calls == 3, Within);
            Assert.True(handle.IsHeld);
            Assert.Equal(1, silo.Renewer.Count);

            // 40 s: a lease after the renewal was sent (10 s), though only 26 s after it answered: not held, and the
            // renewer drops it rather than renewing it again.
            clock.Advance(Period - Tick);
            Assert.True(handle.IsHeld);
            clock.Advance(Tick);
            Assert.False(handle.IsHeld);
            await Eventually.ReturnsAsync(() => Task.FromResult(silo.Renewer.Count), count => count == 0, Within);
            Assert.Equal(3, store!.RenewCalls);
        }
        finally
        {
            await silo.Renewer.StopAsync(CancellationToken.None);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_acquisition_lease_counts_from_when_the_acquisition_was_sent(string provider)
    {
        await using var silo = await StartAsync(provider, _ => RenewalBehaviour.Renew, created =>
            created.DuringAcquire = () => clock.Advance(TimeSpan.FromSeconds(5)));

        // Sent at 0 s, answered at 5 s (a slow database); the renewer is not running.
        var handle = await silo.Locks.AcquireAsync(LockTestSilo.NewLockName("slow"), LockMode.Exclusive, TimeSpan.Zero);

        clock.Advance(Lease - TimeSpan.FromSeconds(5) - Tick);
        Assert.True(handle.IsHeld);
        clock.Advance(Tick);
        Assert.False(handle.IsHeld);
    }

    /// <summary>Starts the renewer and waits until its periodic timer runs on the fake clock.</summary>
    private async Task StartRenewerAsync(LockTestSilo silo)
    {
        await silo.Renewer.StartAsync(CancellationToken.None);
        await Eventually.ReturnsAsync(() => Task.FromResult(observed.HasPeriodicTimer(Period)), created => created, Within);
    }

    private long Stamp(long start, TimeSpan offset) => start + (offset.Ticks * clock.TimestampFrequency / TimeSpan.TicksPerSecond);

    private async Task<LockTestSilo> StartAsync(string provider, Func<int, RenewalBehaviour> plan, Action<ScriptedLockStore> created)
    {
        var database = await databases.GetAsync(provider);
        return await LockTestSilo.StartAsync(
            database,
            configure: options => options.LeaseDuration = Lease,
            clock: observed,
            wrapStore: inner =>
            {
                var store = new ScriptedLockStore(inner, plan);
                created(store);
                return store;
            });
    }
}
