using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.References;
using OrleansPlatform.Workflows.Views;

namespace OrleansPlatform.Workflows.Applications.CatalogSearch;

/// <summary>
/// <c>catalog-search</c>: keyword search over the product catalog, 5 per page, previous/next, and a product's detail
/// page. Steps: <c>search</c> (interactive) → <c>run-search</c> → <c>results</c> (interactive) ⇄ <c>turn-page</c>,
/// <c>results</c> → <c>load-product</c> → <c>product</c> (interactive) → back to <c>results</c>. The session's state
/// at page N is the logical reference <c>["p","products",keyword,5,N]</c> (plus <c>["e","product",id]</c> on a detail page).
/// </summary>
public static class CatalogSearchApplication
{
    /// <summary>The application id.</summary>
    public const string Id = "catalog-search";

    private static readonly Dictionary<string, string> ResultFormats = new(StringComparer.Ordinal)
    {
        ["id"] = ViewFormats.Hidden,
        ["price"] = CatalogSteps.Money,
        ["description"] = ViewFormats.Prose,
    };

    /// <summary>The application definition.</summary>
    public static ApplicationDefinition Create(string version = "1.0") => new(
        Id,
        "Catalog search",
        version,
        [
            new InteractiveStep(
                "search",
                [PortDefinition.Of("retry", ParameterDefinition.Of<string>("keyword"))],
                "Search the catalog",
                _ => new { },
                [new ActionDefinition("search", "submitted", [CatalogSteps.KeywordField("Keyword")]) { Label = "Search" }])
            {
                // The keyword typed comes back in its field (it is in the pool): the notice says why.
                Notice = context => context.EnteredPort == "retry" ? $"No products match '{context.Get<string>("keyword")}'. Try another keyword." : null,
            },
            CatalogSteps.RunSearch(),
            new InteractiveStep(
                "results",
                [PortDefinition.Of("show", ParameterDefinition.Of<QueryPage>("page")), PortDefinition.Of("back")],
                "Search results",
                context => CatalogSteps.PageData(context.Get<QueryPage>("page"), p => new { id = p.Id, name = p.Name, price = p.Price }),
                [
                    .. CatalogSteps.PagerActions(),
                    new ActionDefinition("details", "details", [InputField.HiddenNumber("productId")]) { Label = "Details", Rows = "items" },
                    new ActionDefinition("search", "submitted", [CatalogSteps.KeywordField("New keyword")]) { Label = "Search" },
                ])
            {
                Formats = ResultFormats,
            },
            CatalogSteps.TurnPage(),
            LoadProduct(),
            new InteractiveStep(
                "product",
                [PortDefinition.Of("show", ParameterDefinition.Of<Product>("product"))],
                "Product details",
                context =>
                {
                    var product = context.Get<Product>("product");
                    return new
                    {
                        id = product?.Id,
                        name = product?.Name,
                        price = product?.Price,
                        stock = product?.Stock,
                        description = product?.Description,
                        attributes = product?.Attributes,
                    };
                },
                [ActionDefinition.Of("back", "back") with { Label = "Back to results" }])
            {
                Formats = ResultFormats,
            },
        ],
        [
            Connection.Of("search", "submitted", "run-search", "query"),
            Connection.Of("results", "submitted", "run-search", "query"),
            Connection.Of("run-search", "found", "results", "show", CatalogSteps.HasResults),
            new Connection(new Endpoint("run-search", "found"), new Endpoint("search", "retry")),
            Connection.Of("results", "next", "turn-page", "forward"),
            Connection.Of("results", "prev", "turn-page", "back"),
            Connection.Of("turn-page", "turned", "results", "show"),
            Connection.Of("results", "details", "load-product", "load"),
            Connection.Of("load-product", "loaded", "product", "show"),
            Connection.Of("product", "back", "results", "back"),
        ],
        "search")
    {
        Description = "Search the product catalog by keyword, page through the matches and open a product's details.",
    };

    // The detail page's product is a logical reference (its id); an id the catalog does not have is the user's input error.
    private static SimpleStep LoadProduct() => new(
        "load-product",
        [PortDefinition.Of("load", ParameterDefinition.Of<long>("productId"))],
        [PortDefinition.Of("loaded", ParameterDefinition.Of<Product>("product"))],
        async context =>
        {
            var productId = context.Get<long>("productId");
            context.Set("product", await context.Service<IProductCatalog>().FindAsync(productId, context.CancellationToken)
                ?? throw InvalidInputException.For("productId", "Product", $"names no product ({productId})."));
            return "loaded";
        });
}
