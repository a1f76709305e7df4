using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Data.Migrations;
using OrleansPlatform.Workflows.Locks;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Workflows.Tests.Locks;

/// <summary>
/// What one silo has for cluster locks: its own service provider (own connection pool, store, renewer) and one owner.
/// The renewer is not started unless a test starts it. Optionally the platform clock is a fake one, and the store is
/// wrapped (to stall or fail renewals).
/// </summary>
internal sealed class LockTestSilo : IAsyncDisposable
{
    private LockTestSilo(ServiceProvider services, LockOwner owner)
    {
        Services = services;
        Owner = owner;
    }

    public ServiceProvider Services { get; }

    public LockOwner Owner { get; }

    public IClusterLocks Locks => Services.GetRequiredService<IClusterLocks>();

    public IClusterLockStore Store => Services.GetRequiredService<IClusterLockStore>();

    public LockLeaseRenewer Renewer => Services.GetRequiredService<LockLeaseRenewer>();

    public IClusterDatabase Database => Services.GetRequiredService<IClusterDatabase>();

    /// <summary>A silo id in Orleans' form (address:port@generation) that has no membership row.</summary>
    public static string NewSiloId() => MembershipRows.NewSilo().SiloId;

    public static string NewLockName(string prefix) => $"{prefix}/{Guid.NewGuid():N}";

    /// <summary>A silo whose <see cref="IClusterLocks"/> acts for <paramref name="owner"/> (a fresh owner and silo by default).</summary>
    public static async Task<LockTestSilo> StartAsync(
        TestDatabase database,
        LockOwner? owner = null,
        Action<ClusterLockOptions>? configure = null,
        TimeProvider? clock = null,
        Func<IClusterLockStore, IClusterLockStore>? wrapStore = null)
    {
        var lockOwner = owner ?? new LockOwner("activation-" + Guid.NewGuid().ToString("N")[..12], NewSiloId());
        var services = database.BuildServices(collection =>
        {
            // The Orleans tables too: on PostgreSQL the lock store reads the membership table.
            collection.AddMigrationsFrom(PlatformMigrations.SiloHosting).AddMigrationsFrom(PlatformMigrations.WorkflowsServices);
            if (clock is not null)
            {
                collection.AddKeyedSingleton(PlatformClock.Key, clock);
            }

            if (wrapStore is not null)
            {
                collection.AddSingleton(provider => wrapStore(new AdoNetClusterLockStore(
                    provider.GetRequiredService<IClusterDatabase>(), provider.GetRequiredService<ILogger<AdoNetClusterLockStore>>())));
            }

            collection.AddClusterLocks(configure);
            collection.Replace(ServiceDescriptor.Singleton<ILockOwnerAccessor>(new FixedOwner(lockOwner)));
            collection.AddSingleton(new Random(lockOwner.OwnerId.GetHashCode(StringComparison.Ordinal)));
        });
        await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        return new LockTestSilo(services, lockOwner);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    private sealed class FixedOwner(LockOwner owner) : ILockOwnerAccessor
    {
        public LockOwner Current => owner;
    }
}
