using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Data;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Workflows.Locks;

/// <summary>Registers the cluster locks.</summary>
public static class ClusterLockServiceCollectionExtensions
{
    /// <summary>
    /// Registers only <see cref="IClusterLockStore"/> (and the cluster database): for processes that look at the locks
    /// without holding any, such as the Gateway's admin console. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddClusterLockStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddClusterDatabase();
        services.TryAddSingleton<IClusterLockStore>(provider => new AdoNetClusterLockStore(
            provider.GetRequiredService<IClusterDatabase>(), provider.GetRequiredService<ILogger<AdoNetClusterLockStore>>()));
        return services;
    }

    /// <summary>
    /// Registers <see cref="IClusterLocks"/> (for grain code), <see cref="IClusterLockStore"/> (explicit owners), the
    /// hosted service that renews held leases, and a default <see cref="ILockOwnerAccessor"/> that throws; the runtime
    /// registers its own accessor (before this call, or with <c>services.Replace</c>). Also registers the cluster
    /// database (<see cref="ClusterDatabaseServiceCollectionExtensions.AddClusterDatabase"/>) and
    /// <see cref="TimeProvider.System"/> if missing. Options bind from the configuration section <c>ClusterLocks</c>
    /// (when an <c>IConfiguration</c> is registered), then <paramref name="configure"/> applies; they are validated at
    /// start-up. Retry jitter uses a <see cref="Random"/> from the container if one is registered, else
    /// <see cref="Random.Shared"/>. Safe to call more than once.
    /// </summary>
    /// <remarks>
    /// The runtime must call <see cref="IClusterLockStore.ReleaseOwnerAsync"/> with the owner id when an activation or
    /// session ends, so that its locks free at once rather than when their leases run out.
    /// </remarks>
    public static IServiceCollection AddClusterLocks(this IServiceCollection services, Action<ClusterLockOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddClusterDatabase();
        var options = services.AddOptions<ClusterLockOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ClusterLockOptions>, ClusterLockOptionsBinder>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterLockOptions>, ClusterLockOptionsValidator>());
        services.AddPlatformClock();
        services.TryAddSingleton(provider => new LockRetryJitter(provider.GetService<Random>() ?? Random.Shared));
        services.AddClusterLockStore();
        services.TryAddSingleton<ILockOwnerAccessor, UnavailableLockOwnerAccessor>();
        services.TryAddSingleton<LockLeaseRenewer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LockLeaseRenewer>(provider => provider.GetRequiredService<LockLeaseRenewer>()));
        services.TryAddSingleton<ClusterLocks>();
        services.TryAddSingleton<IClusterLocks>(provider => provider.GetRequiredService<ClusterLocks>());
        return services;
    }
}
