using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Pools;
using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.Workflows.Hosting;

/// <summary>Registers what an application brings: its definitions, and the codecs that turn its pool values into logical references.</summary>
public static class AuthoringServiceCollectionExtensions
{
    /// <summary>The codec registry with the entity/page/cart codecs and the pool serializer. Safe to call more than once.</summary>
    public static IServiceCollection AddLogicalReferences(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<EntityLoaders>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReferenceCodec, EntityReferenceCodec>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReferenceCodec, QueryPageCodec>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReferenceCodec, CartCodec>());
        services.TryAddSingleton<ILogicalReferences, LogicalReferences>();
        services.TryAddSingleton<IPoolSerializer, PoolSerializer>();
        return services;
    }

    /// <summary>
    /// Registers an application version. The host's registry (the engine's <c>AddWorkflows</c>) picks up every
    /// registered definition and validates it when it is built at start.
    /// </summary>
    public static IServiceCollection AddWorkflowApplication(this IServiceCollection services, ApplicationDefinition application)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(application);
        services.AddLogicalReferences();
        services.AddSingleton(application);
        return services;
    }
}
