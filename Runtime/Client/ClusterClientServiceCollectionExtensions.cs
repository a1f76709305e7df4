using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Messaging;
using OrleansPlatform.Runtime.Serialization;

namespace OrleansPlatform.Runtime.Client;

/// <summary>Registers a cluster client: silos are discovered in the cluster database's membership table.</summary>
public static class ClusterClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IClusterClient"/> (also as <see cref="IGrainFactory"/>). Needs the cluster database
    /// (<c>Database</c> section), the cluster id (<c>Silo:ClusterId</c>) and the cluster secret (<c>Transport:ClusterSecret</c>).
    /// </summary>
    public static IServiceCollection AddClusterClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SiloOptions>().BindConfiguration("Silo");
        services.AddOptions<ClusterClientOptions>().BindConfiguration("ClusterClient");
        services.AddClusterDatabase();
        services.AddPlatformSerializer();
        ClusterSiloBuilderExtensions.AddClusterTransport(services);
        services.AddMembershipReader();
        services.TryAddSingleton<GrainInterfaceRegistry>();
        services.TryAddSingleton<RemoteSender>();
        services.TryAddSingleton<ClusterClient>();
        services.TryAddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterClient>());
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddHostedService<ClusterClientStartup>();
        return services;
    }
}
