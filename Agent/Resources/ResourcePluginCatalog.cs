using Microsoft.Extensions.DependencyInjection;

namespace OrleansPlatform.Agent.Resources;

/// <summary>Plugins are keyed singletons (key: the type name); the registrations say which names exist.</summary>
internal sealed class ResourcePluginCatalog(IServiceProvider services, IEnumerable<ResourcePluginRegistration> registrations) : IResourcePluginCatalog
{
    private readonly HashSet<string> names = registrations.Select(r => r.TypeName).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<string> TypeNames => [.. names.Order(StringComparer.Ordinal)];

    public IResourcePlugin? Find(string typeName) =>
        names.Contains(typeName) ? services.GetRequiredKeyedService<IResourcePlugin>(typeName) : null;
}
