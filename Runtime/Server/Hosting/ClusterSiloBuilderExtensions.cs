using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Broadcast;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Cluster;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.GrainDirectory;
using OrleansPlatform.Runtime.Locks;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Messaging;
using OrleansPlatform.Runtime.Placement;
using OrleansPlatform.Runtime.Serialization;
using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.Runtime.Hosting;

/// <summary>Makes a silo a cluster member: transport, membership, directory, placement, routing, locks, broadcast.</summary>
public static class ClusterSiloBuilderExtensions
{
    /// <summary>
    /// Joins the silo to the cluster in the cluster database. The transport listens on <c>Silo:Host</c>:<c>Silo:Port</c>
    /// and accepts only peers proving the shared <c>Transport:ClusterSecret</c>. Options bind from the sections
    /// <c>Transport</c>, <c>Membership</c>, <c>Placement</c>, <c>Cluster</c> and <c>ClusterLocks</c>.
    /// </summary>
    public static ISiloBuilder AddCluster(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddClusterDatabase();
        services.AddPlatformSerializer();
        AddClusterTransport(services);
        services.AddOptions<ClusterOptions>().BindConfiguration("Cluster");

        services.TryAddSingleton(_ => new Random());
        services.TryAddSingleton<LocalSiloDetails>();
        services.TryAddSingleton<ILocalSiloDetails>(sp => sp.GetRequiredService<LocalSiloDetails>());
        services.TryAddSingleton<ISiloLoadSource, SiloLoadSource>();
        services.TryAddSingleton<Storage.IStorageWriteFence, MembershipStorageWriteFence>();
        services.TryAddSingleton<IGrainDirectory, AdoNetGrainDirectory>();
        services.TryAddSingleton<DirectoryCache>();
        services.TryAddSingleton<RemoteSender>();
        services.Replace(ServiceDescriptor.Singleton<IGrainDispatcher, ClusterGrainDispatcher>());
        services.Replace(ServiceDescriptor.Singleton<IActivationRegistrar, ClusterActivationRegistrar>());
        services.TryAddKeyedSingleton<IPlacementStrategy, RandomPlacementStrategy>(PlacementStrategyNames.Random);
        services.TryAddKeyedSingleton<IPlacementStrategy, PreferLocalPlacementStrategy>(PlacementStrategyNames.PreferLocal);
        services.TryAddKeyedSingleton<IPlacementStrategy, HashBasedPlacementStrategy>(PlacementStrategyNames.Hash);
        services.TryAddKeyedSingleton<IPlacementStrategy, LeastLoadedPlacementStrategy>(PlacementStrategyNames.LeastLoaded);
        services.TryAddSingleton<BroadcastChannel>();
        services.TryAddSingleton<IBroadcastChannel>(sp => sp.GetRequiredService<BroadcastChannel>());
        services.TryAddSingleton<IBroadcastReceiver>(sp => sp.GetRequiredService<BroadcastChannel>());
        services.TryAddSingleton<IFrameHandler, SiloFrameHandler>();
        services.Replace(ServiceDescriptor.Singleton<ILockOwnerAccessor, ActivationLockOwnerAccessor>());
        services.AddClusterLocks();

        // Start order matters: bind the endpoint, then join; stop order is the reverse: drain, leave, close.
        services.AddHostedService<SiloEndpointService>();
        services.AddSiloMembership();
        services.AddHostedService<SiloLifecycleService>();
        return builder;
    }

    /// <summary>The transport with the cluster id and node name taken from <see cref="SiloOptions"/> unless set.</summary>
    public static IServiceCollection AddClusterTransport(IServiceCollection services)
    {
        services.AddSiloTransport();
        services.AddOptions<TransportOptions>().BindConfiguration("Transport");
        services.AddSingleton<IPostConfigureOptions<TransportOptions>>(sp => new PostConfigureOptions<TransportOptions, IOptions<SiloOptions>>(
            Options.DefaultName,
            sp.GetRequiredService<IOptions<SiloOptions>>(),
            (transport, silo) =>
            {
                if (string.IsNullOrEmpty(transport.ClusterId))
                {
                    transport.ClusterId = silo.Value.ClusterId;
                }

                transport.NodeId = silo.Value.SiloName;
            }));
        return services;
    }
}
