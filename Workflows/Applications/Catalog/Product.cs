using System.Globalization;
using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>A product row. Its logical reference is its id. Price in cents.</summary>
public sealed record Product(long Id, string Name, string Description, long Price, long Stock) : IEntity
{
    /// <summary>The entity type and cache type of products.</summary>
    public const string Type = "product";

    /// <inheritdoc />
    public string EntityType => Type;

    /// <inheritdoc />
    public string EntityKey => Id.ToString(CultureInfo.InvariantCulture);
}
