using System.Text.Json;

namespace OrleansPlatform.Baselines;

/// <summary>
/// The Gateway's JSON API shape for <c>catalog-search</c> as the issue-19 baselines answer it (the same bodies as
/// <c>OrleansPlatform.SessionBaseline</c>): the request parser, the two views and the problem answers. Linked into
/// <c>OrleansPlatform.FloorBaseline</c> and <c>OrleansPlatform.StatelessBaseline</c>.
/// </summary>
public static class BaselineApi
{
    /// <summary>The only application.</summary>
    public const string App = "catalog-search";

    /// <summary>The step before a search has found something.</summary>
    public const string SearchStep = "search";

    /// <summary>The step showing a page of results.</summary>
    public const string ResultsStep = "results";

    /// <summary>Results per page, as the platform's catalog.</summary>
    public const int PageSize = 5;

    private static readonly ViewAction SearchAction = new("search", [new ViewInput("keyword", "text", true, "Keyword")]);
    private static readonly ViewAction NewSearchAction = new("search", [new ViewInput("keyword", "text", true, "New keyword")]);
    private static readonly ViewAction[] ResultsActions = [new("next", []), new("prev", []), NewSearchAction];

    /// <summary>The state a new session starts in.</summary>
    public static PageState Initial { get; } = new(SearchStep, null, 0, 0);

    /// <summary>The page an action asks for, or null when the action is not available at the state's step.</summary>
    public static int? TargetPage(PageState state, ActionRequest request) => request.Action switch
    {
        "search" => 1,
        "next" when state.Step == ResultsStep => (long)state.Page * PageSize < state.Total ? state.Page + 1 : state.Page,
        "prev" when state.Step == ResultsStep => Math.Max(1, state.Page - 1),
        _ => null,
    };

    /// <summary>The keyword an action searches: its input for <c>search</c>, the state's otherwise.</summary>
    public static string? Keyword(PageState state, ActionRequest request) => request.Action == "search" ? request.Keyword : state.Keyword;

    /// <summary>The state after a search or paging answered <paramref name="page"/>.</summary>
    public static PageState After(CatalogPage page) => new(page.Total > 0 ? ResultsStep : SearchStep, page.Keyword, page.Page, page.Total);

    /// <summary>The view of a state whose page is <paramref name="page"/> (null before the first search).</summary>
    public static SessionView View(CatalogPage? page) => page is { Total: > 0 }
        ? new(App, ResultsStep, "Search results", new { keyword = page.Keyword, page = page.Page, pageSize = page.PageSize, total = page.Total, items = page.Items }, ResultsActions)
        : new(App, SearchStep, "Search the catalog", new { keyword = page?.Keyword, message = page is null ? null : $"No products match '{page.Keyword}'." }, [SearchAction]);

    /// <summary>An RFC 7807 problem answer.</summary>
    public static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>The 404 of an unknown session.</summary>
    public static IResult UnknownSession() => Problem(StatusCodes.Status404NotFound, "Unknown session", "There is no such session.");

    /// <summary>The 409 of an interaction whose seq is not the next one.</summary>
    public static IResult Stale(long seq, long sent) =>
        Problem(StatusCodes.Status409Conflict, "Stale interaction", $"Expected seq {seq + 1} (the last applied was {seq}), got {sent}.");

    /// <summary>The 400 of an action the step does not offer, or of a search without a keyword.</summary>
    public static IResult Unavailable(PageState state, ActionRequest request) => request.Action == "search"
        ? Problem(StatusCodes.Status400BadRequest, "Invalid input", "The input 'keyword' is required.")
        : Problem(StatusCodes.Status400BadRequest, "Invalid action", $"The action '{request.Action}' is not available at step '{state.Step}'.");

    /// <summary>The 404 of an application other than <see cref="App"/>.</summary>
    public static IResult UnknownApp() => Problem(StatusCodes.Status404NotFound, "Unknown application", "This baseline serves only 'catalog-search'.");

    /// <summary>Reads <c>{action, inputs, seq}</c>; a 400/413/415 answer when the body is not one.</summary>
    public static async Task<(ActionRequest? Request, IResult? Error)> ReadActionAsync(HttpRequest request)
    {
        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the action as application/json."));
        }

        if (request.ContentLength > 64 * 1024)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", "An action body may be at most 65536 bytes."));
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 8 }, request.HttpContext.RequestAborted);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Invalid("body", "The body must be a JSON object with 'action', 'inputs' and 'seq'.");
            }

            if (!root.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String || action.GetString() is not { Length: > 0 and <= 64 } name)
            {
                return Invalid("action", "'action' is required: a non-empty string of at most 64 characters.");
            }

            if (!root.TryGetProperty("seq", out var seqElement) || !seqElement.TryGetInt64(out var seq) || seq < 1)
            {
                return Invalid("seq", "'seq' is required: a positive integer, one more than the last interaction's.");
            }

            string? keyword = null;
            if (root.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Object
                && inputs.TryGetProperty("keyword", out var keywordElement) && keywordElement.ValueKind == JsonValueKind.String
                && keywordElement.GetString() is { } text && !string.IsNullOrWhiteSpace(text))
            {
                keyword = text;
            }

            return (new ActionRequest(name, seq, keyword), null);
        }
        catch (JsonException exception)
        {
            return Invalid("body", $"The body is not valid JSON ({exception.Message}).");
        }

        static (ActionRequest?, IResult?) Invalid(string field, string message) =>
            (null, Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Invalid action request", detail: message));
    }

    /// <summary><c>lower(name) LIKE</c> pattern of a keyword (LIKE's wildcards escaped), as the platform's catalog.</summary>
    public static string LikePattern(string keyword) => "%" + keyword.Trim().ToLowerInvariant()
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>The answer body, as the Gateway's.</summary>
    public sealed record SessionBody(string SessionId, long Seq, SessionView View);

    /// <summary>The view, as the Gateway's.</summary>
    public sealed record SessionView(string App, string Step, string Title, object Data, IReadOnlyList<ViewAction> Actions);

    /// <summary>An action the view offers.</summary>
    public sealed record ViewAction(string Name, IReadOnlyList<ViewInput> Inputs);

    /// <summary>An input of an action.</summary>
    public sealed record ViewInput(string Name, string Type, bool Required, string? Label);
}
