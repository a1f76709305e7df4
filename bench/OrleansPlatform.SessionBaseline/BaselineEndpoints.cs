using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace OrleansPlatform.SessionBaseline;

/// <summary>
/// The Gateway's JSON API shape for <c>catalog-search</c>, with the session's state (id, seq, step, keyword, page,
/// total) in ASP.NET Core Session. The session id in the path is checked against the one stored in the session the
/// cookie names: the cookie carries the session, the id only has to match (a client without the cookie gets 404).
/// Starting a new session with a cookie that already names one replaces it (one session per cookie).
/// </summary>
public static class BaselineEndpoints
{
    /// <summary>The only application.</summary>
    public const string App = "catalog-search";

    private const string SidKey = "sid";
    private const string SeqKey = "seq";
    private const string StepKey = "step";
    private const string KeywordKey = "keyword";
    private const string PageKey = "page";
    private const string TotalKey = "total";

    private const string SearchStep = "search";
    private const string ResultsStep = "results";

    private static readonly ViewAction SearchAction = new("search", [new ViewInput("keyword", "text", true, "Keyword")]);
    private static readonly ViewAction NewSearchAction = new("search", [new ViewInput("keyword", "text", true, "New keyword")]);
    private static readonly ViewAction[] ResultsActions = [new("next", []), new("prev", []), NewSearchAction];

    /// <summary>Maps the API.</summary>
    public static IEndpointRouteBuilder MapBaselineApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapPost("/apps/{app}/sessions", StartAsync);
        api.MapPost("/sessions/{id}/actions", InteractAsync);
        return endpoints;
    }

    private static async Task<IResult> StartAsync(string app, HttpContext context)
    {
        if (!string.Equals(app, App, StringComparison.Ordinal))
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown application", "This baseline serves only 'catalog-search'.");
        }

        var session = context.Session;
        await session.LoadAsync(context.RequestAborted);
        session.Clear();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        session.SetString(SidKey, id);
        session.SetString(SeqKey, "0");
        session.SetString(StepKey, SearchStep);
        await session.CommitAsync(context.RequestAborted);
        return Results.Created($"/api/sessions/{id}", new SessionBody(id, 0, SearchView(null, null)));
    }

    private static async Task<IResult> InteractAsync(string id, HttpContext context, ProductSearch products)
    {
        var request = await ReadActionAsync(context.Request);
        if (request.Error is { } error)
        {
            return error;
        }

        var session = context.Session;
        await session.LoadAsync(context.RequestAborted);
        if (session.GetString(SidKey) is not { } sid || !string.Equals(sid, id, StringComparison.Ordinal))
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown session", "There is no such session.");
        }

        var seq = long.Parse(session.GetString(SeqKey) ?? "0", CultureInfo.InvariantCulture);
        var step = session.GetString(StepKey) ?? SearchStep;
        var keyword = session.GetString(KeywordKey);
        var page = session.GetInt32(PageKey) ?? 0;
        var total = long.Parse(session.GetString(TotalKey) ?? "0", CultureInfo.InvariantCulture);
        var ct = context.RequestAborted;

        if (request.Seq == seq && seq > 0)
        {
            // A repeated interaction (a retry): answer the current view again, change nothing.
            var current = step == ResultsStep ? ResultsView(await products.SearchAsync(keyword!, page, ct)) : SearchView(keyword, NoMatch(keyword));
            return Results.Ok(new SessionBody(id, seq, current));
        }

        if (request.Seq != seq + 1)
        {
            return Problem(StatusCodes.Status409Conflict, "Stale interaction", $"Expected seq {seq + 1} (the last applied was {seq}), got {request.Seq}.");
        }

        ProductPage result;
        switch (request.Action)
        {
            case "search":
                if (request.Keyword is not { Length: > 0 } newKeyword || string.IsNullOrWhiteSpace(newKeyword))
                {
                    return Problem(StatusCodes.Status400BadRequest, "Invalid input", "The input 'keyword' is required.");
                }

                result = await products.SearchAsync(newKeyword, 1, ct);
                break;
            case "next" when step == ResultsStep:
                result = await products.SearchAsync(keyword!, (long)page * ProductSearch.PageSize < total ? page + 1 : page, ct);
                break;
            case "prev" when step == ResultsStep:
                result = await products.SearchAsync(keyword!, Math.Max(1, page - 1), ct);
                break;
            default:
                return Problem(StatusCodes.Status400BadRequest, "Invalid action", $"The action '{request.Action}' is not available at step '{step}'.");
        }

        var found = result.Total > 0;
        session.SetString(SeqKey, (seq + 1).ToString(CultureInfo.InvariantCulture));
        session.SetString(StepKey, found ? ResultsStep : SearchStep);
        session.SetString(KeywordKey, result.Keyword);
        session.SetInt32(PageKey, result.Page);
        session.SetString(TotalKey, result.Total.ToString(CultureInfo.InvariantCulture));
        await session.CommitAsync(ct);

        var view = found ? ResultsView(result) : SearchView(result.Keyword, NoMatch(result.Keyword));
        return Results.Ok(new SessionBody(id, seq + 1, view));
    }

    private static string? NoMatch(string? keyword) => keyword is null ? null : $"No products match '{keyword}'.";

    private static SessionView SearchView(string? keyword, string? message) =>
        new(App, SearchStep, "Search the catalog", new { keyword, message }, [SearchAction]);

    private static SessionView ResultsView(ProductPage page) =>
        new(App, ResultsStep, "Search results", new { keyword = page.Keyword, page = page.Page, pageSize = page.PageSize, total = page.Total, items = page.Items }, ResultsActions);

    private static async Task<ParsedAction> ReadActionAsync(HttpRequest request)
    {
        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, 0, null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the action as application/json."));
        }

        if (request.ContentLength > 64 * 1024)
        {
            return new(null, 0, null, Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", "An action body may be at most 65536 bytes."));
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
                && inputs.TryGetProperty("keyword", out var keywordElement) && keywordElement.ValueKind == JsonValueKind.String)
            {
                keyword = keywordElement.GetString();
            }

            return new(name, seq, keyword, null);
        }
        catch (JsonException exception)
        {
            return Invalid("body", $"The body is not valid JSON ({exception.Message}).");
        }

        static ParsedAction Invalid(string field, string message) =>
            new(null, 0, null, Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Invalid action request", detail: message));
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);

    private sealed record ParsedAction(string? Action, long Seq, string? Keyword, IResult? Error);

    /// <summary>The answer body, as the Gateway's.</summary>
    public sealed record SessionBody(string SessionId, long Seq, SessionView View);

    /// <summary>The view, as the Gateway's.</summary>
    public sealed record SessionView(string App, string Step, string Title, object Data, IReadOnlyList<ViewAction> Actions);

    /// <summary>An action the view offers.</summary>
    public sealed record ViewAction(string Name, IReadOnlyList<ViewInput> Inputs);

    /// <summary>An input of an action.</summary>
    public sealed record ViewInput(string Name, string Type, bool Required, string? Label);
}
