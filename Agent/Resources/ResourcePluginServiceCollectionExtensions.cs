using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansPlatform.Agent.Resources;

/// <summary>Registers resource plugins by type name.</summary>
public static class ResourcePluginServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TPlugin"/> as the plugin of resources of type <paramref name="typeName"/>. A name
    /// registered twice keeps its first plugin (so a host can put its own in place of a shipped one by registering first).
    /// </summary>
    public static IServiceCollection AddResourcePlugin<TPlugin>(this IServiceCollection services, string typeName)
        where TPlugin : class, IResourcePlugin =>
        services.AddResourcePlugin(typeName, typeof(TPlugin));

    /// <summary>Registers every <see cref="ResourcePluginAttribute"/> class of <paramref name="assembly"/> by its type name.</summary>
    /// <exception cref="InvalidOperationException">A marked class does not implement <see cref="IResourcePlugin"/>.</exception>
    public static IServiceCollection AddResourcePluginsFrom(this IServiceCollection services, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in LoadableTypes(assembly))
        {
            if (type.GetCustomAttribute<ResourcePluginAttribute>() is not { } marker)
            {
                continue;
            }

            if (!typeof(IResourcePlugin).IsAssignableFrom(type) || type.IsAbstract)
            {
                throw new InvalidOperationException($"{type.FullName} is marked [ResourcePlugin(\"{marker.TypeName}\")] but is not a concrete {nameof(IResourcePlugin)}.");
            }

            services.AddResourcePlugin(marker.TypeName, type);
        }

        return services;
    }

    private static IServiceCollection AddResourcePlugin(this IServiceCollection services, string typeName, Type pluginType)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        if (services.Any(d => d.ServiceType == typeof(ResourcePluginRegistration) && d.ImplementationInstance is ResourcePluginRegistration r && r.TypeName == typeName))
        {
            return services;
        }

        services.AddSingleton(new ResourcePluginRegistration(typeName, pluginType));
        services.AddKeyedSingleton(typeof(IResourcePlugin), typeName, pluginType);
        services.TryAddSingleton<IResourcePluginCatalog, ResourcePluginCatalog>();
        return services;
    }

    // A plugin assembly may reference test frameworks or other assemblies the agent never loads; its plugin classes
    // only need the agent's contract.
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.Where(t => t is not null)!;
        }
    }
}
