using Dapper;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Workflows.Tests.Locks;

/// <summary>
/// Writes fenced by cluster locks (<see cref="ClusterLockFence.VerifyAsync"/> inside the writer's transaction): they
/// commit only while every lock is held under its fencing token with a lease the database clock has not passed.
/// </summary>
public sealed class ClusterLockFenceTests(TestDatabaseFixture databases) : IClassFixture<TestDatabaseFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShortLease = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(10);
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_fenced_write_commits_while_its_locks_are_held_under_their_tokens(string provider)
    {
        await using var silo = await StartAsync(provider, LongLease);
        var exclusive = await silo.Locks.AcquireAsync(LockTestSilo.NewLockName("fence/exclusive"), LockMode.Exclusive, TimeSpan.Zero);
        var shared = await silo.Locks.AcquireAsync(LockTestSilo.NewLockName("fence/shared"), LockMode.Shared, TimeSpan.Zero);
        var row = NewRow();

        await FencedInsertAsync(silo, row, exclusive, shared);

        Assert.True(await RowExistsAsync(silo, row));

        // No locks: nothing to check.
        var unguarded = NewRow();
        await FencedInsertAsync(silo, unguarded);
        Assert.True(await RowExistsAsync(silo, unguarded));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_fenced_write_is_refused_once_the_lease_expired_by_the_database_clock(string provider)
    {
        await using var silo = await StartAsync(provider, ShortLease);
        await using var steady = await StartAsync(provider, LongLease);
        var name = LockTestSilo.NewLockName("fence/expired");
        var handle = await silo.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);
        var other = await steady.Locks.AcquireAsync(LockTestSilo.NewLockName("fence/steady"), LockMode.Exclusive, TimeSpan.Zero);

        // Nobody took the lock; its holder row is still there, but the database clock has passed its lease.
        await WaitUntilLeaseExpiredAsync(silo, handle);
        var row = NewRow();
        var refused = await Assert.ThrowsAsync<LockLostException>(() => FencedInsertAsync(silo, row, other, handle));

        Assert.Contains($"{name} (token {handle.FencingToken})", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Name, refused.Message, StringComparison.Ordinal);
        Assert.False(await RowExistsAsync(silo, row));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_fenced_write_is_refused_after_another_owner_took_the_lock(string provider)
    {
        await using var first = await StartAsync(provider, ShortLease);
        await using var second = await StartAsync(provider, LongLease);
        var name = LockTestSilo.NewLockName("fence/taken");
        var stale = await first.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);
        await WaitUntilLeaseExpiredAsync(first, stale);

        var current = await second.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);
        Assert.True(current.FencingToken > stale.FencingToken);

        var staleRow = NewRow();
        var refused = await Assert.ThrowsAsync<LockLostException>(() => FencedInsertAsync(first, staleRow, stale));
        Assert.Contains($"token {stale.FencingToken}", refused.Message, StringComparison.Ordinal);
        Assert.False(await RowExistsAsync(first, staleRow));

        var currentRow = NewRow();
        await FencedInsertAsync(second, currentRow, current);
        Assert.True(await RowExistsAsync(second, currentRow));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_earlier_grant_is_refused_even_while_its_owner_holds_the_lock_again_under_a_newer_token(string provider)
    {
        await using var silo = await StartAsync(provider, LongLease);
        var name = LockTestSilo.NewLockName("fence/regranted");
        var earlier = await silo.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);

        // The owner's locks are released behind the handle's back (deactivation), then it takes the lock again.
        Assert.Equal(1, await silo.Store.ReleaseOwnerAsync(silo.Owner.OwnerId, Ct));
        var later = await silo.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);

        var row = NewRow();
        await Assert.ThrowsAsync<LockLostException>(() => FencedInsertAsync(silo, row, earlier));
        Assert.False(await RowExistsAsync(silo, row));
        await FencedInsertAsync(silo, row, later);
        Assert.True(await RowExistsAsync(silo, row));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_verified_writer_pins_its_lock_so_releasing_it_waits_for_the_write_to_commit(string provider)
    {
        await using var silo = await StartAsync(provider, LongLease);
        var database = await databases.GetAsync(provider);
        var handle = await silo.Locks.AcquireAsync(LockTestSilo.NewLockName("fence/pinned"), LockMode.Exclusive, TimeSpan.Zero);
        var row = NewRow();

        await using var connection = await silo.Database.OpenConnectionAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await ClusterLockFence.VerifyAsync(connection, transaction, silo.Database.Provider, [handle], Ct);

        // The owner's deactivation releases its locks meanwhile: that waits until the writer's transaction ends.
        var release = Task.Run(() => silo.Store.ReleaseOwnerAsync(silo.Owner.OwnerId, Ct));
        await WaitUntilBlockedAsync(database, release);
        Assert.False(release.IsCompleted);

        await connection.ExecuteAsync("INSERT INTO fenced_writes (id) VALUES (@Id)", new { Id = row }, transaction);
        await transaction.CommitAsync(Ct);

        Assert.Equal(1, await release.WaitAsync(Bound));
        Assert.True(await RowExistsAsync(silo, row));
    }

    [Fact]
    public async Task On_postgres_taking_over_from_a_silo_declared_dead_waits_for_its_verified_writer_to_commit()
    {
        var database = await databases.GetAsync(TestDatabases.Postgres);
        var doomedSilo = MembershipRows.NewSilo();
        await MembershipRows.InsertAsync(database, doomedSilo, MembershipRows.Active);
        await using var doomed = await LockTestSilo.StartAsync(
            database, new LockOwner("writer-" + Guid.NewGuid().ToString("N")[..8], doomedSilo.SiloId), options => options.LeaseDuration = LongLease);
        await using var successor = await StartAsync(TestDatabases.Postgres, LongLease);
        var name = LockTestSilo.NewLockName("fence/dead");
        var handle = await doomed.Locks.AcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero);
        var row = NewRow();

        await using var connection = await doomed.Database.OpenConnectionAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await ClusterLockFence.VerifyAsync(connection, transaction, DatabaseProvider.Postgres, [handle], Ct);

        // Declared dead after its check: the successor's acquisition must not complete before the write has.
        await MembershipRows.SetStatusAsync(database, doomedSilo, MembershipRows.Dead);
        var takeover = Task.Run(() => successor.Locks.TryAcquireAsync(name, LockMode.Exclusive, TimeSpan.Zero));
        await WaitUntilBlockedAsync(database, takeover);
        Assert.False(takeover.IsCompleted);

        await connection.ExecuteAsync("INSERT INTO fenced_writes (id) VALUES (@Id)", new { Id = row }, transaction);
        await transaction.CommitAsync(Ct);

        var taken = await takeover.WaitAsync(Bound);
        Assert.NotNull(taken);
        Assert.True(taken.FencingToken > handle.FencingToken);
        Assert.True(await RowExistsAsync(doomed, row));

        // From now on the dead silo's writes are refused.
        var late = NewRow();
        await Assert.ThrowsAsync<LockLostException>(() => FencedInsertAsync(doomed, late, handle));
        Assert.False(await RowExistsAsync(doomed, late));
    }

    private static string NewRow() => Guid.NewGuid().ToString("N");

    /// <summary>The writer's pattern: in one transaction, write, check the locks, commit.</summary>
    private static async Task FencedInsertAsync(LockTestSilo silo, string row, params ClusterLockHandle[] handles)
    {
        await using var connection = await silo.Database.OpenConnectionAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await connection.ExecuteAsync("INSERT INTO fenced_writes (id) VALUES (@Id)", new { Id = row }, transaction);
        await ClusterLockFence.VerifyAsync(connection, transaction, silo.Database.Provider, handles, Ct);
        await transaction.CommitAsync(Ct);
    }

    private static async Task<bool> RowExistsAsync(LockTestSilo silo, string row)
    {
        await using var connection = await silo.Database.OpenConnectionAsync(Ct);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM fenced_writes WHERE id = @Id", new { Id = row }) == 1;
    }

    /// <summary>Polls the database clock until it has passed the lease of <paramref name="handle"/>'s holder row.</summary>
    private static async Task WaitUntilLeaseExpiredAsync(LockTestSilo silo, ClusterLockHandle handle)
    {
        var now = silo.Database.Provider == DatabaseProvider.Postgres
            ? "(extract(epoch from clock_timestamp()) * 1000)::bigint"
            : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
        await Eventually.ReturnsAsync(
            async () =>
            {
                await using var connection = await silo.Database.OpenConnectionAsync(Ct);
                return await connection.ExecuteScalarAsync<long>(
                    $"SELECT {now} - lease_expires_at_ms FROM cluster_lock_holders WHERE lock_name = @Name AND fencing_token = @Token",
                    new { handle.Name, Token = handle.FencingToken });
            },
            overdue => overdue > 0,
            Bound);
    }

    /// <summary>
    /// Until <paramref name="operation"/> is blocked behind the writer's transaction: on PostgreSQL, seen as a backend
    /// waiting for a lock; on SQLite (which shows no waiters), a pause after which the caller checks it is still waiting.
    /// </summary>
    private static async Task WaitUntilBlockedAsync(TestDatabase database, Task operation)
    {
        if (database.Kind == DatabaseProvider.Sqlite)
        {
            await Task.Delay(300);
            return;
        }

        await using var monitor = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await monitor.OpenAsync();
        await Eventually.ReturnsAsync(
            async () => operation.IsCompleted ? -1 : await monitor.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
            waiting => waiting != 0,
            Bound);
    }

    private async Task<LockTestSilo> StartAsync(string provider, TimeSpan lease)
    {
        var database = await databases.GetAsync(provider);
        var silo = await LockTestSilo.StartAsync(database, configure: options => options.LeaseDuration = lease);
        await using var connection = await silo.Database.OpenConnectionAsync(Ct);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS fenced_writes (id text PRIMARY KEY)");
        return silo;
    }
}
