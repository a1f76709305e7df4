using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.References;
using OrleansPlatform.Workflows.Views;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>Steps and rules both bundled applications use to search and page through the catalog.</summary>
public static class CatalogSteps
{
    /// <summary>Results per page.</summary>
    public const int PageSize = 5;

    /// <summary>The current page has a next page.</summary>
    public static readonly Rule HasNextPage = new("a next page exists", c => c.Get<QueryPage>("page")?.HasNext == true);

    /// <summary>The current page has a previous page.</summary>
    public static readonly Rule HasPreviousPage = new("a previous page exists", c => c.Get<QueryPage>("page")?.HasPrevious == true);

    /// <summary>The search found something.</summary>
    public static readonly Rule HasResults = new("the search found products", c => c.Get<QueryPage>("page")?.Total > 0);

    /// <summary>No earlier page: "Previous" is shown disabled.</summary>
    public static readonly Rule OnFirstPage = new("on the first page", c => c.Get<QueryPage>("page")?.HasPrevious != true);

    /// <summary>No later page: "Next" is shown disabled.</summary>
    public static readonly Rule OnLastPage = new("on the last page", c => c.Get<QueryPage>("page")?.HasNext != true);

    /// <summary>How prices show on the pages.</summary>
    public static readonly string Money = ViewFormats.Money(Product.Currency);

    /// <summary>The keyword field of a search.</summary>
    public static InputField KeywordField(string label) => InputField.Text("keyword", label: label) with
    {
        Help = "Part of a product name, for example router or cable.",
    };

    /// <summary>The pager's actions: "Previous" and "Next", disabled at the ends (still answered: they stay on the page).</summary>
    public static IEnumerable<ActionDefinition> PagerActions() =>
    [
        ActionDefinition.Of("prev", "prev") with { Label = "Previous", DisabledWhen = OnFirstPage },
        ActionDefinition.Of("next", "next") with { Label = "Next", DisabledWhen = OnLastPage },
    ];

    /// <summary>Simple step <c>run-search</c>: input <c>query</c>(keyword) → output <c>found</c>(page 1).</summary>
    public static SimpleStep RunSearch() => new(
        "run-search",
        [PortDefinition.Of("query", ParameterDefinition.Of<string>("keyword"))],
        [PortDefinition.Of("found", ParameterDefinition.Of<QueryPage>("page"), ParameterDefinition.Of<string>("keyword"))],
        async context =>
        {
            var keyword = context.Get<string>("keyword") ?? string.Empty;
            context.Set("page", await context.Service<IProductCatalog>().SearchAsync(keyword, PageSize, 1, context.CancellationToken));
            return "found";
        });

    /// <summary>Simple step <c>turn-page</c>: input <c>forward</c> or <c>back</c> → output <c>turned</c>(page).</summary>
    public static SimpleStep TurnPage() => new(
        "turn-page",
        [PortDefinition.Of("forward"), PortDefinition.Of("back")],
        [PortDefinition.Of("turned", ParameterDefinition.Of<QueryPage>("page"))],
        async context =>
        {
            var page = context.Get<QueryPage>("page") ?? throw new InvalidOperationException("No search results to page through.");
            var target = context.EnteredPort == "forward" ? (page.HasNext ? page.PageNumber + 1 : page.PageNumber) : Math.Max(1, page.PageNumber - 1);
            context.Set("page", await context.Service<IProductCatalog>().SearchAsync(page.Argument, page.PageSize, target, context.CancellationToken));
            return "turned";
        });

    /// <summary>The paging part of a results view's data.</summary>
    public static object PageData(QueryPage? page, Func<Product, object> item) => new
    {
        keyword = page?.Argument,
        page = page?.PageNumber ?? 0,
        pageSize = page?.PageSize ?? PageSize,
        total = page?.Total ?? 0,
        items = (page?.Items ?? []).OfType<Product>().Select(item).ToList(),
    };
}
