namespace OrleansPlatform.Workflows.References;

/// <summary>Reloads entities of one type from the database; applications implement one per entity type.</summary>
public interface IEntityLoader
{
    /// <summary>The entity type it loads.</summary>
    string EntityType { get; }

    /// <summary>The entity with <paramref name="key"/>, or null when it no longer exists.</summary>
    Task<IEntity?> LoadAsync(string key, CancellationToken cancellationToken);
}
