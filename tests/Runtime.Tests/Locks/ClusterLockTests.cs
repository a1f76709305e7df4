using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Locks;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Locks;

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
        const int Iterations = 25;
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
                    await using var handle = await silo.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.FromSeconds(60));
                    var now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref maxInside, now);
                    Assert.Equal(1, now);
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
            Assert.Equal(Contenders * Iterations, tokens.Count);

            // Recorded inside the critical section, so in acquisition order: strictly increasing, hence distinct.
            for (var i = 1; i < tokens.Count; i++)
            {
                Assert.True(tokens[i] > tokens[i - 1], $"token {tokens[i]} at #{i} is not above {tokens[i - 1]}");
            }

            Assert.Equal(tokens.Count, tokens.Distinct().Count());
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

        var exclusive = writer.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.FromSeconds(30));
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

        var shared = reader.Locks.AcquireAsync(name, LockMode.Shared, TimeSpan.FromSeconds(30));
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

        var stopwatch = Stopwatch.StartNew();
        var second = await Eventually.ReturnsAsync(
            () => store.TryAcquireAsync(name, LockMode.Exclusive, next, LongLease, Ct), grant => grant is not null, TimeSpan.FromSeconds(20));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.True(second!.FencingToken > first.FencingToken);
        Assert.Equal(next, second.Owner);

        // The stalled holder can neither renew nor release the new holder's grant.
        Assert.Empty(await store.RenewAsync([first], LongLease, Ct));
        Assert.False(await store.ReleaseAsync(first, Ct));
        Assert.Null(await store.TryAcquireAsync(name, LockMode.Shared, stalled, LongLease, Ct));
        Assert.Single(await store.RenewAsync([second], LongLease, Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Lease_renewal_keeps_a_lock_past_its_lease_and_marks_it_lost_once_released_elsewhere(string provider)
    {
        var database = await databases.GetAsync(provider);
        // Renewed every third of the lease; a 2 s lease tolerates renewals over a second late on a loaded machine.
        await using var silo = await LockTestSilo.StartAsync(database, configure: options => options.LeaseDuration = TimeSpan.FromSeconds(2));
        var name = LockTestSilo.NewLockName("renewed");
        var other = new LockOwner("other", LockTestSilo.NewSiloId());

        await silo.Renewer.StartAsync(Ct);
        try
        {
            var handle = await silo.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);
            Assert.Equal(1, silo.Renewer.Count);
            var firstExpiry = await LeaseExpiryAsync(silo, name);

            // Renewal observed in the database (not inferred from sleeping): the lease end moves past the original one,
            // twice, so the lock outlives its first lease.
            var renewed = await Eventually.ReturnsAsync(() => LeaseExpiryAsync(silo, name), expiry => expiry > firstExpiry + 2_000, TimeSpan.FromSeconds(20));
            Assert.True(handle.IsHeld);
            Assert.True(renewed > firstExpiry);
            Assert.Null(await silo.Store.TryAcquireAsync(name, LockMode.Shared, other, LongLease, Ct));

            // The runtime's deactivation path: everything of the owner is released behind the handle's back.
            Assert.Equal(1, await silo.Store.ReleaseOwnerAsync(silo.Owner.OwnerId, Ct));
            await Eventually.ReturnsAsync(() => Task.FromResult(handle.IsHeld), held => !held, TimeSpan.FromSeconds(10));
            Assert.Equal(0, silo.Renewer.Count);
            Assert.NotNull(await silo.Store.TryAcquireAsync(name, LockMode.Exclusive, other, LongLease, Ct));

            // Releasing a lost handle is harmless and does not remove the new holder.
            await handle.ReleaseAsync();
            Assert.Null(await silo.Store.TryAcquireAsync(name, LockMode.Shared, new LockOwner("third", other.SiloId), LongLease, Ct));
        }
        finally
        {
            await silo.Renewer.StopAsync(Ct);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Locks_of_a_silo_declared_dead_are_free_at_once(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await LockTestSilo.StartAsync(database);
        var store = silo.Store;
        var doomedSilo = LockTestSilo.NewSiloId();
        await InsertMembershipAsync(silo, doomedSilo, status: 2);
        var doomed = new LockOwner("on-doomed-silo", doomedSilo);
        var survivor = new LockOwner("survivor", LockTestSilo.NewSiloId());
        var exclusiveName = LockTestSilo.NewLockName("dead/exclusive");
        var sharedName = LockTestSilo.NewLockName("dead/shared");

        var exclusive = await store.TryAcquireAsync(exclusiveName, LockMode.Exclusive, doomed, LongLease, Ct);
        var shared = await store.TryAcquireAsync(sharedName, LockMode.Shared, doomed, LongLease, Ct);
        Assert.NotNull(exclusive);
        Assert.NotNull(shared);
        Assert.Null(await store.TryAcquireAsync(exclusiveName, LockMode.Shared, survivor, LongLease, Ct));
        Assert.Null(await store.TryAcquireAsync(sharedName, LockMode.Exclusive, survivor, LongLease, Ct));

        await SetMembershipStatusAsync(silo, doomedSilo, status: 4);

        var taken = await store.TryAcquireAsync(exclusiveName, LockMode.Exclusive, survivor, LongLease, Ct);
        Assert.NotNull(taken);
        Assert.True(taken.FencingToken > exclusive.FencingToken);
        Assert.NotNull(await store.TryAcquireAsync(sharedName, LockMode.Exclusive, survivor, LongLease, Ct));
        Assert.Empty(await store.RenewAsync([exclusive, shared], LongLease, Ct));
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

        Assert.Equal(3, await store.ReleaseOwnerAsync(silo.Owner.OwnerId, Ct));
        Assert.Equal(0, await store.ReleaseOwnerAsync(silo.Owner.OwnerId, Ct));
        foreach (var name in names)
        {
            Assert.NotNull(await store.TryAcquireAsync(name, LockMode.Exclusive, probe, LongLease, Ct));
        }

        Assert.Null(await store.TryAcquireAsync(kept, LockMode.Shared, probe, LongLease, Ct));

        // The renewer notices on its next round.
        await silo.Renewer.RenewOnceAsync(Ct);
        Assert.All(handles, handle => Assert.False(handle.IsHeld));
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
        Assert.NotNull(await store.TryAcquireAsync(a, LockMode.Exclusive, probe, LongLease, Ct));
        Assert.NotNull(await store.TryAcquireAsync(b, LockMode.Exclusive, probe, LongLease, Ct));
        Assert.Null(await store.TryAcquireAsync(c, LockMode.Shared, probe, LongLease, Ct));
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

        var stopwatch = Stopwatch.StartNew();
        Assert.Null(await waiter.Locks.TryAcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero));
        Assert.Null(await waiter.Locks.TryAcquireAsync(name, LockMode.Shared, TimeSpan.Zero));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"zero wait took {stopwatch.Elapsed}");

        stopwatch.Restart();
        var wait = TimeSpan.FromMilliseconds(400);
        var timeout = await Assert.ThrowsAsync<LockTimeoutException>(() => waiter.Locks.AcquireAsync(name, LockMode.Exclusive, wait));
        Assert.True(stopwatch.Elapsed >= wait - TimeSpan.FromMilliseconds(20), $"gave up after {stopwatch.Elapsed}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"gave up only after {stopwatch.Elapsed}");
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
        Assert.Contains(name, again.Message, StringComparison.Ordinal);
        Assert.Contains("not re-entrant", again.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<LockAlreadyHeldException>(() => silo.Locks.TryAcquireAsync(name, LockMode.Shared, TimeSpan.Zero));
        Assert.True(held.IsHeld);

        await held.ReleaseAsync();
        var shared = await silo.Locks.AcquireAsync(name, LockMode.Shared, TimeSpan.Zero);
        await Assert.ThrowsAsync<LockAlreadyHeldException>(() => silo.Store.TryAcquireAsync(name, LockMode.Shared, silo.Owner, LongLease, Ct));
        await shared.ReleaseAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Invalid_names_are_rejected(string provider)
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
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => silo.Store.TryAcquireAsync("ok", LockMode.Exclusive, silo.Owner, TimeSpan.Zero, Ct));

        // 200 characters (the limit) and any characters are fine.
        var longest = LockTestSilo.NewLockName("long/ünïcode 'quoted' ;--").PadRight(200, 'z');
        await using var handle = await silo.Locks.AcquireAsync(longest, LockMode.Exclusive, TimeSpan.Zero);
        Assert.Equal(longest, handle.Name);
    }

    [Fact]
    public async Task Outside_a_grain_the_default_owner_accessor_explains_what_to_do()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var services = database.BuildServices(collection => collection.AddClusterLocks());
        var locks = services.GetRequiredService<IClusterLocks>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => locks.TryAcquireAsync("orders/1", LockMode.Exclusive, TimeSpan.Zero));
        Assert.Contains("outside a grain", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IClusterLockStore), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_are_validated_with_defaults_as_documented()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using (var services = database.BuildServices(collection => collection.AddClusterLocks().AddClusterLocks()))
        {
            var options = services.GetRequiredService<IOptions<ClusterLockOptions>>().Value;
            Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseDuration);
            Assert.Equal(TimeSpan.FromMilliseconds(25), options.MinRetryDelay);
            Assert.Equal(TimeSpan.FromMilliseconds(250), options.MaxRetryDelay);
            Assert.Single(services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<LockLeaseRenewer>());
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
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task<long> LeaseExpiryAsync(LockTestSilo silo, string name)
    {
        await using var connection = await silo.Services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT lease_expires_at_ms FROM cluster_lock_holders WHERE lock_name = @Name", new { Name = name });
    }

    private static async Task InsertMembershipAsync(LockTestSilo silo, string siloId, int status)
    {
        var address = global::OrleansPlatform.Runtime.Membership.SiloAddress.Parse(siloId);
        await using var connection = await silo.Services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
        await connection.ExecuteAsync(
            "INSERT INTO membership (cluster_id, silo_id, host, port, generation, silo_name, role, pid, status, started_at_ms, heartbeat_at_ms) "
            + "VALUES (@ClusterId, @SiloId, @Host, @Port, @Generation, @SiloName, @Role, @Pid, @Status, @Now, @Now)",
            new
            {
                ClusterId = "locks-test",
                SiloId = siloId,
                address.Host,
                address.Port,
                address.Generation,
                SiloName = "doomed",
                Role = "silo",
                Pid = 4242,
                Status = (short)status,
                Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            });
    }

    private static async Task SetMembershipStatusAsync(LockTestSilo silo, string siloId, int status)
    {
        await using var connection = await silo.Services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
        var updated = await connection.ExecuteAsync(
            "UPDATE membership SET status = @Status WHERE silo_id = @SiloId", new { Status = (short)status, SiloId = siloId });
        Assert.Equal(1, updated);
    }
}
