using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Workflows.Tests.Locks;

/// <summary>Cluster locks on a real database of each provider: exclusion, fencing tokens, leases, dead silos, releases.</summary>
public sealed class ClusterLockTests(TestDatabaseFixture databases) : IClassFixture<TestDatabaseFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(10);
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Exclusive_holders_on_separate_silos_never_overlap_and_tokens_strictly_increase(string provider)
    {
        const int Contenders = 8;
        const int Iterations = 20;
        var database = await databases.GetAsync(provider);
        var silos = new List<LockTestSilo>();
        try
        {
            for (var i = 0; i < Contenders; i++)
            {
                silos.Add(await LockTestSilo.StartAsync(database));
            }

            var name = LockTestSilo.NewLockName("orders/overlap");
            var inside = 0;
            var maxInside = 0;
            var acquisitions = 0;
            var tokens = new List<long>();
            var run = Task.WhenAll(silos.Select(silo => Task.Run(async () =>
            {
                for (var i = 0; i < Iterations; i++)
                {
                    await using var handle = await silo.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.FromSeconds(90));
                    var now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref maxInside, now);
                    lock (tokens)
                    {
                        tokens.Add(handle.FencingToken);
                    }

                    Interlocked.Increment(ref acquisitions);
                    await Task.Delay(1);
                    Interlocked.Decrement(ref inside);
                }
            })));
            await run.WaitAsync(Bound);

            Assert.Equal(1, maxInside);
            Assert.Equal(Contenders * Iterations, acquisitions);

            // Recorded inside the critical section, so in acquisition order: strictly increasing, hence distinct.
            Assert.Equal(Contenders * Iterations, tokens.Count);
            for (var i = 1; i < tokens.Count; i++)
            {
                Assert.True(tokens[i] > tokens[i - 1], $"token {tokens[i]} at #{i} is not above {tokens[i - 1]}");
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Fencing_tokens_keep_increasing_across_release_and_reacquisition(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var first = await LockTestSilo.StartAsync(database);
        await using var second = await LockTestSilo.StartAsync(database);
        var name = LockTestSilo.NewLockName("fencing");

        var seen = new List<long>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var silo in new[] { first, second })
            {
                var handle = await silo.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);
                Assert.True(handle.IsHeld);
                Assert.Equal(name, handle.Name);
                Assert.Equal(LockMode.Exclusive, handle.Mode);
                Assert.Equal(silo.Owner.OwnerId, handle.OwnerId);
                seen.Add(handle.FencingToken);
                await handle.ReleaseAsync();
                Assert.False(handle.IsHeld);
                await handle.ReleaseAsync();
                await handle.DisposeAsync();
            }
        }

        // Shared grants get tokens from the same counter.
        var shared1 = await first.Store.TryAcquireAsync(name, LockMode.Shared, first.Owner, LongLease, Ct);
        var shared2 = await second.Store.TryAcquireAsync(name, LockMode.Shared, second.Owner, LongLease, Ct);
        seen.Add(shared1!.FencingToken);
        seen.Add(shared2!.FencingToken);

        Assert.Equal(seen.Order(), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen[0] >= 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Shared_holders_coexist_and_exclusive_waits_for_all_of_them(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var reader1 = await LockTestSilo.StartAsync(database);
        await using var reader2 = await LockTestSilo.StartAsync(database);
        await using var writer = await LockTestSilo.StartAsync(database);
        var name = LockTestSilo.NewLockName("catalog/shared");

        var shared1 = await reader1.Locks.TryAcquireAsync(name, LockMode.Shared, TimeSpan.Zero);
        var shared2 = await reader2.Locks.TryAcquireAsync(name, LockMode.Shared, TimeSpan.Zero);
        Assert.NotNull(shared1);
        Assert.NotNull(shared2);
        Assert.Null(await writer.Locks.TryAcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero));

        var exclusive = writer.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.FromSeconds(60));
        await Task.Delay(300);
        Assert.False(exclusive.IsCompleted);
        await shared1.ReleaseAsync();
        await Task.Delay(300);
        Assert.False(exclusive.IsCompleted);
        await shared2.ReleaseAsync();
        var held = await exclusive.WaitAsync(Bound);
        Assert.True(held.FencingToken > Math.Max(shared1.FencingToken, shared2.FencingToken));
        await held.ReleaseAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_shared_request_waits_while_an_exclusive_lock_is_held(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var writer = await LockTestSilo.StartAsync(database);
        await using var reader = await LockTestSilo.StartAsync(database);
        var name = LockTestSilo.NewLockName("catalog/exclusive");

        var exclusive = await writer.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);
        Assert.Null(await reader.Locks.TryAcquireAsync(name, LockMode.Shared, TimeSpan.Zero));

        var shared = reader.Locks.AcquireAsync(name, LockMode.Shared, TimeSpan.FromSeconds(60));
        await Task.Delay(300);
        Assert.False(shared.IsCompleted);
        await exclusive.ReleaseAsync();
        var held = await shared.WaitAsync(Bound);
        Assert.Equal(LockMode.Shared, held.Mode);
        Assert.True(held.FencingToken > exclusive.FencingToken);
        await held.ReleaseAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_infinite_wait_gets_the_lock_once_free_and_ends_when_cancelled(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var holder = await LockTestSilo.StartAsync(database);
        await using var waiter = await LockTestSilo.StartAsync(database);
        await using var quitter = await LockTestSilo.StartAsync(database);
        var name = LockTestSilo.NewLockName("infinite");
        var held = await holder.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);

        using var cancel = new CancellationTokenSource();
        var cancelled = quitter.Locks.AcquireAsync(name, LockMode.Exclusive, Timeout.InfiniteTimeSpan, cancel.Token);
        var waiting = waiter.Locks.TryAcquireAsync(name, LockMode.Shared, Timeout.InfiniteTimeSpan);
        await Task.Delay(300);
        Assert.False(cancelled.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Bound));

        Assert.False(waiting.IsCompleted);
        await held.ReleaseAsync();
        var got = await waiting.WaitAsync(Bound);
        Assert.NotNull(got);
        Assert.True(got.FencingToken > held.FencingToken);
        await got.ReleaseAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Listing_shows_every_live_holding_with_its_token_and_lease_and_not_the_expired_or_released_ones(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await LockTestSilo.StartAsync(database);
        var store = silo.Store;
        var (exclusive, shared, expiring) = (LockTestSilo.NewLockName("list-x"), LockTestSilo.NewLockName("list-s"), LockTestSilo.NewLockName("list-e"));
        var siloId = LockTestSilo.NewSiloId();
        var x = await store.TryAcquireAsync(exclusive, LockMode.Exclusive, new LockOwner("x", siloId), LongLease, Ct);
        var s1 = await store.TryAcquireAsync(shared, LockMode.Shared, new LockOwner("s1", siloId), LongLease, Ct);
        var s2 = await store.TryAcquireAsync(shared, LockMode.Shared, new LockOwner("s2", siloId), LongLease, Ct);
        var e = await store.TryAcquireAsync(expiring, LockMode.Exclusive, new LockOwner("e", siloId), TimeSpan.FromMilliseconds(300), Ct);
        Assert.All(new[] { x, s1, s2, e }, Assert.NotNull);

        var mine = await Eventually.ReturnsAsync(
            async () => (await store.ListLiveAsync(Ct)).Where(h => h.Name == exclusive || h.Name == shared || h.Name == expiring).ToList(),
            list => list.Count == 3,
            TimeSpan.FromSeconds(30));
        // By lock name ("list-s/..." before "list-x/..."), then token.
        Assert.Equal([(shared, "s1", LockMode.Shared, s1!.FencingToken), (shared, "s2", LockMode.Shared, s2!.FencingToken), (exclusive, "x", LockMode.Exclusive, x!.FencingToken)],
            mine.Select(h => (h.Name, h.Owner.OwnerId, h.Mode, h.FencingToken)));
        Assert.All(mine, h => Assert.Equal(siloId, h.Owner.SiloId));
        Assert.All(mine, h => Assert.InRange(h.LeaseRemaining, TimeSpan.FromSeconds(1), LongLease));
        Assert.All(mine, h => Assert.True(h.LeaseExpiresAt > h.AcquiredAt));

        await store.ReleaseAsync(s1, Ct);
        Assert.DoesNotContain(await store.ListLiveAsync(Ct), h => h.Owner.OwnerId == "s1" && h.Name == shared);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_holder_that_stops_renewing_loses_the_lock_when_its_lease_expires(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await LockTestSilo.StartAsync(database);
        var store = silo.Store;
        var name = LockTestSilo.NewLockName("lease");
        var stalled = new LockOwner("stalled", LockTestSilo.NewSiloId());
        var next = new LockOwner("next", LockTestSilo.NewSiloId());

        var first = await store.TryAcquireAsync(name, LockMode.Exclusive, stalled, TimeSpan.FromMilliseconds(400), Ct);
        Assert.NotNull(first);
        Assert.Null(await store.TryAcquireAsync(name, LockMode.Exclusive, next, LongLease, Ct));

        // The lease runs out by the database clock; nothing else frees the lock.
        var second = await Eventually.ReturnsAsync(
            () => store.TryAcquireAsync(name, LockMode.Exclusive, next, LongLease, Ct), grant => grant is not null, TimeSpan.FromSeconds(60));
        Assert.True(second!.FencingToken > first.FencingToken);
        Assert.Equal(next, second.Owner);
        Assert.True(second.LeaseExpiresAtMs > first.LeaseExpiresAtMs);

        // The stalled holder can neither renew nor release the new holder's grant.
        Assert.Empty(await store.RenewAsync([first], LongLease, Ct));
        Assert.False(await store.ReleaseAsync(first, Ct));
        Assert.Null(await store.TryAcquireAsync(name, LockMode.Shared, stalled, LongLease, Ct));
        Assert.Single(await store.RenewAsync([second], LongLease, Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Renewal_extends_the_lease_in_the_database_and_fails_for_a_lost_grant(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await LockTestSilo.StartAsync(database);
        var name = LockTestSilo.NewLockName("renew");
        var lost = LockTestSilo.NewLockName("renew-lost");
        var grant = await silo.Store.TryAcquireAsync(name, LockMode.Exclusive, silo.Owner, TimeSpan.FromSeconds(5), Ct);
        var other = await silo.Store.TryAcquireAsync(lost, LockMode.Exclusive, silo.Owner, TimeSpan.FromSeconds(5), Ct);
        Assert.NotNull(grant);
        Assert.NotNull(other);
        Assert.True(await silo.Store.ReleaseAsync(lost, silo.Owner, Ct));

        var renewed = await silo.Store.RenewAsync([grant, other], LongLease, Ct);

        var only = Assert.Single(renewed);
        Assert.Equal(grant with { LeaseExpiresAtMs = only.LeaseExpiresAtMs }, only);
        Assert.True(only.LeaseExpiresAtMs >= grant.LeaseExpiresAtMs + (long)(LongLease - TimeSpan.FromSeconds(5)).TotalMilliseconds);
        Assert.Equal(only.LeaseExpiresAtMs, await LeaseExpiryAsync(silo, name));
        Assert.Empty(await silo.Store.RenewAsync([], LongLease, Ct));
    }

    [Fact]
    public async Task On_postgres_the_locks_of_a_silo_declared_dead_are_free_at_once()
    {
        var database = await databases.GetAsync(TestDatabases.Postgres);
        await using var silo = await LockTestSilo.StartAsync(database);
        var store = silo.Store;
        var doomedSilo = MembershipRows.NewSilo();
        await MembershipRows.InsertAsync(database, doomedSilo, MembershipRows.Active);
        var doomed = new LockOwner("on-doomed-silo", doomedSilo.SiloId);

        // A silo with no membership row (never registered, or long cleaned up) counts as alive.
        var unregistered = new LockOwner("on-unregistered-silo", LockTestSilo.NewSiloId());
        var survivor = new LockOwner("survivor", LockTestSilo.NewSiloId());
        var exclusiveName = LockTestSilo.NewLockName("dead/exclusive");
        var sharedName = LockTestSilo.NewLockName("dead/shared");
        var keptName = LockTestSilo.NewLockName("dead/kept");

        var exclusive = await store.TryAcquireAsync(exclusiveName, LockMode.Exclusive, doomed, LongLease, Ct);
        var shared = await store.TryAcquireAsync(sharedName, LockMode.Shared, doomed, LongLease, Ct);
        var kept = await store.TryAcquireAsync(keptName, LockMode.Exclusive, unregistered, LongLease, Ct);
        Assert.NotNull(exclusive);
        Assert.NotNull(shared);
        Assert.NotNull(kept);
        Assert.Null(await store.TryAcquireAsync(exclusiveName, LockMode.Shared, survivor, LongLease, Ct));
        Assert.Null(await store.TryAcquireAsync(sharedName, LockMode.Exclusive, survivor, LongLease, Ct));

        // Stopping is not dead yet: the silo still holds its locks.
        await MembershipRows.SetStatusAsync(database, doomedSilo, MembershipRows.Stopping);
        Assert.Null(await store.TryAcquireAsync(exclusiveName, LockMode.Shared, survivor, LongLease, Ct));
        Assert.Single(await store.RenewAsync([exclusive], LongLease, Ct));

        await MembershipRows.SetStatusAsync(database, doomedSilo, MembershipRows.Dead);

        var taken = await store.TryAcquireAsync(exclusiveName, LockMode.Exclusive, survivor, LongLease, Ct);
        Assert.NotNull(taken);
        Assert.True(taken.FencingToken > exclusive.FencingToken);
        Assert.NotNull(await store.TryAcquireAsync(sharedName, LockMode.Exclusive, survivor, LongLease, Ct));
        Assert.Empty(await store.RenewAsync([exclusive, shared], LongLease, Ct));
        Assert.Null(await store.TryAcquireAsync(keptName, LockMode.Shared, survivor, LongLease, Ct));
    }

    [Fact]
    public async Task On_sqlite_there_is_no_membership_and_a_holder_keeps_its_lock_until_released_or_expired()
    {
        var database = await databases.GetAsync(TestDatabases.Sqlite);
        await using var silo = await LockTestSilo.StartAsync(database);
        var name = LockTestSilo.NewLockName("sqlite/alive");
        var holder = new LockOwner("holder", LockTestSilo.NewSiloId());
        var probe = new LockOwner("probe", LockTestSilo.NewSiloId());

        Assert.NotNull(await silo.Store.TryAcquireAsync(name, LockMode.Exclusive, holder, LongLease, Ct));

        Assert.Null(await silo.Store.TryAcquireAsync(name, LockMode.Shared, probe, LongLease, Ct));
        Assert.Equal(1, await silo.Store.ReleaseSiloAsync(holder.SiloId, Ct));
        Assert.NotNull(await silo.Store.TryAcquireAsync(name, LockMode.Shared, probe, LongLease, Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReleaseOwner_frees_everything_one_owner_holds_and_nothing_else(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await LockTestSilo.StartAsync(database);
        await using var neighbour = await LockTestSilo.StartAsync(database, new LockOwner("neighbour-" + Guid.NewGuid().ToString("N"), silo.Owner.SiloId));
        var store = silo.Store;
        var names = Enumerable.Range(0, 3).Select(i => LockTestSilo.NewLockName($"owner/{i}")).ToArray();
        var kept = LockTestSilo.NewLockName("owner/kept");
        var probe = new LockOwner("probe", LockTestSilo.NewSiloId());

        var handles = new[]
        {
            await silo.Locks.AcquireAsync(names[0], LockMode.Exclusive, TimeSpan.Zero),
            await silo.Locks.AcquireAsync(names[1], LockMode.Shared, TimeSpan.Zero),
            await silo.Locks.AcquireAsync(names[2], LockMode.Exclusive, TimeSpan.Zero),
        };
        await neighbour.Locks.AcquireAsync(kept, LockMode.Exclusive, TimeSpan.Zero);
        Assert.Equal(3, silo.Renewer.Count);

        Assert.Equal(3, await store.ReleaseOwnerAsync(silo.Owner.OwnerId, Ct));
        Assert.Equal(0, await store.ReleaseOwnerAsync(silo.Owner.OwnerId, Ct));
        foreach (var name in names)
        {
            Assert.NotNull(await store.TryAcquireAsync(name, LockMode.Exclusive, probe, LongLease, Ct));
        }

        Assert.Null(await store.TryAcquireAsync(kept, LockMode.Shared, probe, LongLease, Ct));

        // The renewer notices on its next round, and stops renewing them.
        await silo.Renewer.RenewOnceAsync(Ct);
        Assert.All(handles, handle => Assert.False(handle.IsHeld));
        Assert.Equal(0, silo.Renewer.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReleaseSilo_frees_everything_held_on_that_silo(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await LockTestSilo.StartAsync(database);
        var store = silo.Store;
        var leaving = LockTestSilo.NewSiloId();
        var staying = LockTestSilo.NewSiloId();
        var a = LockTestSilo.NewLockName("silo/a");
        var b = LockTestSilo.NewLockName("silo/b");
        var c = LockTestSilo.NewLockName("silo/c");
        var probe = new LockOwner("probe", LockTestSilo.NewSiloId());

        Assert.NotNull(await store.TryAcquireAsync(a, LockMode.Exclusive, new LockOwner("grain-1", leaving), LongLease, Ct));
        Assert.NotNull(await store.TryAcquireAsync(b, LockMode.Shared, new LockOwner("grain-2", leaving), LongLease, Ct));
        Assert.NotNull(await store.TryAcquireAsync(b, LockMode.Shared, new LockOwner("grain-3", leaving), LongLease, Ct));
        Assert.NotNull(await store.TryAcquireAsync(c, LockMode.Exclusive, new LockOwner("grain-4", staying), LongLease, Ct));

        Assert.Equal(3, await store.ReleaseSiloAsync(leaving, Ct));
        Assert.Equal(0, await store.ReleaseSiloAsync(leaving, Ct));
        Assert.NotNull(await store.TryAcquireAsync(a, LockMode.Exclusive, probe, LongLease, Ct));
        Assert.NotNull(await store.TryAcquireAsync(b, LockMode.Exclusive, probe, LongLease, Ct));
        Assert.Null(await store.TryAcquireAsync(c, LockMode.Shared, probe, LongLease, Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Releasing_by_grant_never_removes_a_later_grant_of_the_same_owner(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await LockTestSilo.StartAsync(database);
        var name = LockTestSilo.NewLockName("regrant");
        var probe = new LockOwner("probe", LockTestSilo.NewSiloId());

        var old = await silo.Store.TryAcquireAsync(name, LockMode.Exclusive, silo.Owner, LongLease, Ct);
        Assert.True(await silo.Store.ReleaseAsync(name, silo.Owner, Ct));
        Assert.False(await silo.Store.ReleaseAsync(name, silo.Owner, Ct));
        var again = await silo.Store.TryAcquireAsync(name, LockMode.Exclusive, silo.Owner, LongLease, Ct);

        Assert.False(await silo.Store.ReleaseAsync(old!, Ct));
        Assert.Null(await silo.Store.TryAcquireAsync(name, LockMode.Shared, probe, LongLease, Ct));
        Assert.True(await silo.Store.ReleaseAsync(again!, Ct));
        Assert.NotNull(await silo.Store.TryAcquireAsync(name, LockMode.Shared, probe, LongLease, Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_busy_lock_gives_null_at_once_with_zero_wait_and_a_timeout_naming_it_with_a_wait(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var holder = await LockTestSilo.StartAsync(database);
        await using var waiter = await LockTestSilo.StartAsync(database);
        var name = LockTestSilo.NewLockName("busy");
        await using var held = await holder.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);

        Assert.Null(await waiter.Locks.TryAcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero));
        Assert.Null(await waiter.Locks.TryAcquireAsync(name, LockMode.Shared, TimeSpan.Zero));

        var stopwatch = Stopwatch.StartNew();
        var wait = TimeSpan.FromMilliseconds(400);
        var timeout = await Assert.ThrowsAsync<LockTimeoutException>(() => waiter.Locks.AcquireAsync(name, LockMode.Exclusive, wait));
        Assert.True(stopwatch.Elapsed >= wait, $"gave up after {stopwatch.Elapsed}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"gave up only after {stopwatch.Elapsed}");
        Assert.Equal(name, timeout.LockName);
        Assert.Equal(LockMode.Exclusive, timeout.Mode);
        Assert.Equal(wait, timeout.Wait);
        Assert.Contains($"'{name}'", timeout.Message, StringComparison.Ordinal);
        Assert.True(held.IsHeld);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_owner_asking_again_for_a_lock_it_holds_is_refused(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await LockTestSilo.StartAsync(database);
        var name = LockTestSilo.NewLockName("reentrant");

        var held = await silo.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);
        var again = await Assert.ThrowsAsync<LockAlreadyHeldException>(() => silo.Locks.TryAcquireAsync(name, LockMode.Exclusive, TimeSpan.FromSeconds(5)));
        Assert.Equal(name, again.LockName);
        Assert.Equal(silo.Owner.OwnerId, again.OwnerId);
        Assert.Equal(LockMode.Exclusive, again.HeldMode);
        Assert.Contains(name, again.Message, StringComparison.Ordinal);
        Assert.Contains("not re-entrant", again.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<LockAlreadyHeldException>(() => silo.Locks.TryAcquireAsync(name, LockMode.Shared, TimeSpan.Zero));
        Assert.True(held.IsHeld);

        await held.ReleaseAsync();
        var shared = await silo.Locks.AcquireAsync(name, LockMode.Shared, TimeSpan.Zero);
        var upgrade = await Assert.ThrowsAsync<LockAlreadyHeldException>(() => silo.Store.TryAcquireAsync(name, LockMode.Exclusive, silo.Owner, LongLease, Ct));
        Assert.Equal((LockMode.Shared, LockMode.Exclusive), (upgrade.HeldMode, upgrade.RequestedMode));
        await shared.ReleaseAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Invalid_names_and_arguments_are_rejected(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await LockTestSilo.StartAsync(database);

        foreach (var bad in new[] { "", "   ", new string('x', 201) })
        {
            var viaLocks = await Assert.ThrowsAsync<ArgumentException>(() => silo.Locks.TryAcquireAsync(bad, LockMode.Exclusive, TimeSpan.Zero));
            Assert.Equal("name", viaLocks.ParamName);
            await Assert.ThrowsAsync<ArgumentException>(() => silo.Store.TryAcquireAsync(bad, LockMode.Exclusive, silo.Owner, LongLease, Ct));
            await Assert.ThrowsAsync<ArgumentException>(() => silo.Store.ReleaseAsync(bad, silo.Owner, Ct));
        }

        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => silo.Locks.AcquireAsync(new string('y', 201), LockMode.Shared, TimeSpan.Zero));
        Assert.Contains("201 characters", tooLong.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentNullException>(() => silo.Locks.TryAcquireAsync(null!, LockMode.Exclusive, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => silo.Locks.TryAcquireAsync("ok", (LockMode)7, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => silo.Locks.TryAcquireAsync("ok", LockMode.Exclusive, TimeSpan.FromSeconds(-2)));
        await Assert.ThrowsAsync<ArgumentException>(() => silo.Store.TryAcquireAsync("ok", LockMode.Exclusive, default, LongLease, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => silo.Store.TryAcquireAsync("ok", LockMode.Exclusive, new LockOwner("o", " "), LongLease, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => silo.Store.TryAcquireAsync("ok", LockMode.Exclusive, silo.Owner, TimeSpan.Zero, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => silo.Store.ReleaseOwnerAsync(" ", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => silo.Store.ReleaseSiloAsync("", Ct));

        // 200 characters (the limit) and any characters are fine.
        var longest = LockTestSilo.NewLockName("long/ünïcode 'quoted' ;--").PadRight(200, 'z');
        await using var handle = await silo.Locks.AcquireAsync(longest, LockMode.Exclusive, TimeSpan.Zero);
        Assert.Equal(longest, handle.Name);
    }

    [Fact]
    public async Task Outside_a_grain_the_default_owner_accessor_explains_what_to_do()
    {
        var database = await databases.GetAsync(TestDatabases.Sqlite);
        await using var services = database.BuildServices(collection => collection.AddClusterLocks());
        var locks = services.GetRequiredService<IClusterLocks>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => locks.TryAcquireAsync("orders/1", LockMode.Exclusive, TimeSpan.Zero));
        Assert.Contains("outside a grain", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IClusterLockStore), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_are_validated_with_defaults_as_documented()
    {
        var database = await databases.GetAsync(TestDatabases.Sqlite);
        await using (var services = database.BuildServices(collection => collection.AddClusterLocks().AddClusterLocks()))
        {
            var options = services.GetRequiredService<IOptions<ClusterLockOptions>>().Value;
            Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseDuration);
            Assert.Equal(TimeSpan.FromMilliseconds(25), options.MinRetryDelay);
            Assert.Equal(TimeSpan.FromMilliseconds(250), options.MaxRetryDelay);
            Assert.Single(services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<LockLeaseRenewer>());
            Assert.Same(services.GetRequiredService<LockLeaseRenewer>(), services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<LockLeaseRenewer>().Single());
        }

        await using var invalid = database.BuildServices(collection => collection.AddClusterLocks(options =>
        {
            options.LeaseDuration = TimeSpan.FromMilliseconds(10);
            options.MinRetryDelay = TimeSpan.FromMilliseconds(50);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
        }));
        var error = Assert.Throws<OptionsValidationException>(() => invalid.GetRequiredService<IOptions<ClusterLockOptions>>().Value);
        Assert.Contains("ClusterLocks:LeaseDuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClusterLocks:MaxRetryDelay", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ClusterLocks:MinRetryDelay", error.Message, StringComparison.Ordinal);
    }

    internal static async Task<long> LeaseExpiryAsync(LockTestSilo silo, string name)
    {
        await using var connection = await silo.Database.OpenConnectionAsync(Ct);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT lease_expires_at_ms FROM cluster_lock_holders WHERE lock_name = @Name", new { Name = name });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
