using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Serialization;

namespace OrleansPlatform.Runtime.Storage;

/// <summary>Registers grain storage in the cluster database.</summary>
public static class AdoNetGrainStorageServiceCollectionExtensions
{
    /// <summary>The name of the storage grains use unless they name another.</summary>
    public const string DefaultStorageName = "Default";

    /// <summary>
    /// Registers an <see cref="IGrainStorage"/> named <paramref name="name"/> (a keyed singleton) that keeps grain state in
    /// the cluster database's <c>grain_state</c> table. Also registers the cluster database (<see
    /// cref="ClusterDatabaseServiceCollectionExtensions.AddClusterDatabase"/>, configured from the <c>Database</c>
    /// section unless configured in code) and the platform serializer, if not registered yet.
    /// </summary>
    public static IServiceCollection AddAdoNetGrainStorage(this IServiceCollection services, string name = DefaultStorageName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        services.AddClusterDatabase();
        services.AddPlatformSerializer();
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => new AdoNetGrainStorage(
            name,
            provider.GetRequiredService<IClusterDatabase>(),
            provider.GetRequiredService<IPlatformSerializer>(),
            provider.GetRequiredService<ILogger<AdoNetGrainStorage>>(),
            provider.GetService<IStorageWriteFence>()));
        return services;
    }
}
