using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansPlatform.Runtime.Database.Migrations;
using OrleansPlatform.Runtime.Locks;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Locks;

/// <summary>
/// What one silo would have for locks: its own service provider (own connection pool, store, renewer) and one owner.
/// The renewer is not started unless a test starts it.
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

    public ClusterLocks Implementation => Services.GetRequiredService<ClusterLocks>();

    public IClusterLockStore Store => Services.GetRequiredService<IClusterLockStore>();

    public LockLeaseRenewer Renewer => Services.GetRequiredService<LockLeaseRenewer>();

    public static string NewSiloId() => $"127.0.0.{Random.Shared.Next(2, 250)}:{Random.Shared.Next(20000, 40000)}@{Random.Shared.NextInt64(1, long.MaxValue)}";

    public static string NewLockName(string prefix) => $"{prefix}/{Guid.NewGuid():N}";

    /// <summary>A silo whose <see cref="IClusterLocks"/> acts for <paramref name="owner"/> (a fresh owner and silo by default).</summary>
    public static async Task<LockTestSilo> StartAsync(TestDatabase database, LockOwner? owner = null, Action<ClusterLockOptions>? configure = null)
    {
        var lockOwner = owner ?? new LockOwner("activation-" + Guid.NewGuid().ToString("N")[..12], NewSiloId());
        var services = database.BuildServices(collection =>
        {
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
