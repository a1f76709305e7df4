namespace OrleansPlatform.Workflows.References;

/// <summary>The registered <see cref="IEntityLoader"/>s by entity type.</summary>
internal sealed class EntityLoaders(IEnumerable<IEntityLoader> loaders)
{
    private readonly Dictionary<string, IEntityLoader> byType = loaders.ToDictionary(l => l.EntityType, StringComparer.Ordinal);

    public async Task<IEntity> LoadAsync(string entityType, string key, CancellationToken cancellationToken)
    {
        var loader = byType.GetValueOrDefault(entityType)
            ?? throw new ReferenceRebuildException($"No entity loader is registered for '{entityType}'.");
        return await loader.LoadAsync(key, cancellationToken)
            ?? throw new ReferenceRebuildException($"The {entityType} '{key}' no longer exists.");
    }
}
