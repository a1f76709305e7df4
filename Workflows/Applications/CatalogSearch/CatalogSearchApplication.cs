using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.Workflows.Applications.CatalogSearch;

/// <summary>
/// <c>catalog-search</c>: keyword search over the product catalog, 5 per page, next/previous. Steps: <c>search</c>
/// (interactive) → <c>run-search</c> → <c>results</c> (interactive) ⇄ <c>turn-page</c>. The session's state at page N
/// is the logical reference <c>["p","products",keyword,5,N]</c>.
/// </summary>
public static class CatalogSearchApplication
{
    /// <summary>The application id.</summary>
    public const string Id = "catalog-search";

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
                context => new
                {
                    keyword = context.Get<string>("keyword"),
                    message = context.EnteredPort == "retry" ? $"No products match '{context.Get<string>("keyword")}'." : null,
                },
                [new ActionDefinition("search", "submitted", [InputField.Text("keyword", label: "Keyword")])]),
            CatalogSteps.RunSearch(),
            new InteractiveStep(
                "results",
                [PortDefinition.Of("show", ParameterDefinition.Of<QueryPage>("page"))],
                "Search results",
                context => CatalogSteps.PageData(context.Get<QueryPage>("page"), p => new { id = p.Id, name = p.Name }),
                [
                    ActionDefinition.Of("next", "next"),
                    ActionDefinition.Of("prev", "prev"),
                    new ActionDefinition("search", "submitted", [InputField.Text("keyword", label: "New keyword")]),
                ]),
            CatalogSteps.TurnPage(),
        ],
        [
            Connection.Of("search", "submitted", "run-search", "query"),
            Connection.Of("results", "submitted", "run-search", "query"),
            Connection.Of("run-search", "found", "results", "show", CatalogSteps.HasResults),
            new Connection(new Endpoint("run-search", "found"), new Endpoint("search", "retry")),
            Connection.Of("results", "next", "turn-page", "forward"),
            Connection.Of("results", "prev", "turn-page", "back"),
            Connection.Of("turn-page", "turned", "results", "show"),
        ],
        "search")
    {
        Description = "Search the product catalog by keyword and page through the matches.",
    };
}
