namespace OrleansPlatform.Workflows.References;

/// <summary>A database object: its logical reference is its type and key.</summary>
public interface IEntity
{
    /// <summary>The entity type, e.g. <c>product</c> (an <see cref="IEntityLoader"/> of that type rebuilds it).</summary>
    string EntityType { get; }

    /// <summary>The key within its type.</summary>
    string EntityKey { get; }
}
