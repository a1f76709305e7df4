using Npgsql;
using OrleansPlatform.Baselines;
using OrleansPlatform.StatelessBaseline;

// Issue 19's competent stateless app for `bench/run.sh sessions`: what a good team would write instead of the platform.
// ASP.NET Core, the session's state in a PostgreSQL row (SessionRows: one read and one conditional write per
// interaction on one pooled connection, both prepared, the pool without reset), the catalog's count and pages cached
// in IMemoryCache over the platform's indexed queries (CachedCatalog). Any number of such processes can serve the same
// sessions: no state lives in the process but the catalog cache.
//   ORLEANSPLATFORM_BASELINE_POSTGRES='Host=...;Database=...' dotnet OrleansPlatform.StatelessBaseline.dll --port 5092
if (BaselineHost.Create(args) is not { } host)
{
    return 2;
}

var (builder, dataSource) = host;
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<CachedCatalog>();
builder.Services.AddSingleton<SessionRows>();
var app = builder.Build();
await using (var schema = dataSource.CreateCommand(SessionRows.Schema))
{
    await schema.ExecuteNonQueryAsync();
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapGet("/health", () => Results.Ok(new { status = "Healthy" }));

app.MapPost("/api/apps/{name}/sessions", async (string name, SessionRows rows, CancellationToken ct) =>
{
    if (!string.Equals(name, BaselineApi.App, StringComparison.Ordinal))
    {
        return BaselineApi.UnknownApp();
    }

    var id = Guid.NewGuid();
    await rows.InsertAsync(id, BaselineApi.Initial, ct);
    var sid = id.ToString("N");
    return Results.Created($"/api/sessions/{sid}", new BaselineApi.SessionBody(sid, 0, BaselineApi.View(null)));
});

app.MapPost("/api/sessions/{sid}/actions", async (string sid, HttpRequest http, SessionRows rows, CachedCatalog catalog, CancellationToken ct) =>
{
    var (request, error) = await BaselineApi.ReadActionAsync(http);
    if (request is null)
    {
        return error!;
    }

    if (!Guid.TryParseExact(sid, "N", out var id))
    {
        return BaselineApi.UnknownSession();
    }

    await using var connection = await dataSource.OpenConnectionAsync(ct);
    if (await rows.ReadAsync(connection, id, ct) is not var (seq, state))
    {
        return BaselineApi.UnknownSession();
    }

    if (request.Seq == seq && seq > 0)
    {
        // A repeated interaction (a retry): the current view again, nothing written.
        var current = state.Keyword is { } shown ? await catalog.PageAsync(shown, state.Page, ct) : null;
        return Results.Ok(new BaselineApi.SessionBody(sid, seq, BaselineApi.View(current)));
    }

    if (request.Seq != seq + 1)
    {
        return BaselineApi.Stale(seq, request.Seq);
    }

    if (BaselineApi.TargetPage(state, request) is not { } target || BaselineApi.Keyword(state, request) is not { } keyword)
    {
        return BaselineApi.Unavailable(state, request);
    }

    var page = await catalog.PageAsync(keyword, target, ct);
    if (!await rows.WriteAsync(connection, id, request.Seq, BaselineApi.After(page), ct))
    {
        return BaselineApi.Stale(seq, request.Seq);
    }

    return Results.Ok(new BaselineApi.SessionBody(sid, request.Seq, BaselineApi.View(page)));
});

await app.RunAsync();
return 0;
