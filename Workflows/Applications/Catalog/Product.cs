using System.Globalization;
using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>A product row. Its logical reference is its id. Price in cents.</summary>
/// <param name="Id">The product id.</param>
/// <param name="Name">What the search matches.</param>
/// <param name="Description">A few hundred characters of text.</param>
/// <param name="Price">In cents of <see cref="Currency"/>.</param>
/// <param name="Stock">Units in stock.</param>
/// <param name="Attributes">Named properties (colour, weight, warranty, ...), in the order the catalog lists them.</param>
/// <param name="ImageUrl">Where its picture is.</param>
public sealed record Product(long Id, string Name, string Description, long Price, long Stock, IReadOnlyDictionary<string, string> Attributes, string ImageUrl) : IEntity
{
    /// <summary>
    /// The currency of every price: the catalog is a euro shop (prices are whole cents of euros), shown as
    /// <c>ViewFormats.FormatMoney(price, Currency)</c>, e.g. "€12.99".
    /// </summary>
    public const string Currency = "EUR";

    /// <summary>The entity type and cache type of products.</summary>
    public const string Type = "product";

    /// <inheritdoc />
    public string EntityType => Type;

    /// <inheritdoc />
    public string EntityKey => Id.ToString(CultureInfo.InvariantCulture);
}
