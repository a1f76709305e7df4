using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using OrleansPlatform.Baselines;
using OrleansPlatform.FloorBaseline;

// Issue 19's floor for `bench/run.sh sessions`: what any platform that persists every interaction must at least do.
// One HTTP request, one JSON body, one prepared conditional write per interaction
//   INSERT INTO floor_sessions (id, seq, state) VALUES ($1, 0, $2)                          (start)
//   UPDATE floor_sessions SET state = $3, seq = $2 WHERE id = $1 AND seq = $2 - 1           (every action)
// The session's state is in memory (as an activation's), the catalog's matches too after the first search of a keyword
// (FloorCatalog); no workflow, no Orleans, no session middleware.
//   ORLEANSPLATFORM_BASELINE_POSTGRES='Host=...;Database=...' dotnet OrleansPlatform.FloorBaseline.dll --port 5091
if (BaselineHost.Create(args) is not { } host)
{
    return 2;
}

var (builder, dataSource) = host;

builder.Services.AddSingleton<FloorCatalog>();
var app = builder.Build();
await using (var schema = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS floor_sessions (id uuid PRIMARY KEY, seq bigint NOT NULL, state text NOT NULL)"))
{
    await schema.ExecuteNonQueryAsync();
}

var sessions = new ConcurrentDictionary<Guid, FloorSession>();
var initialJson = BaselineApi.Initial.ToJson();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapGet("/health", () => Results.Ok(new { status = "Healthy" }));

app.MapPost("/api/apps/{name}/sessions", async (string name, CancellationToken ct) =>
{
    if (!string.Equals(name, BaselineApi.App, StringComparison.Ordinal))
    {
        return BaselineApi.UnknownApp();
    }

    var id = Guid.NewGuid();
    await using (var insert = dataSource.CreateCommand("INSERT INTO floor_sessions (id, seq, state) VALUES ($1, 0, $2)"))
    {
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = initialJson, NpgsqlDbType = NpgsqlDbType.Text });
        await insert.ExecuteNonQueryAsync(ct);
    }

    sessions[id] = new FloorSession();
    var sid = id.ToString("N");
    return Results.Created($"/api/sessions/{sid}", new BaselineApi.SessionBody(sid, 0, BaselineApi.View(null)));
});

app.MapPost("/api/sessions/{sid}/actions", async (string sid, HttpRequest http, FloorCatalog catalog, CancellationToken ct) =>
{
    var (request, error) = await BaselineApi.ReadActionAsync(http);
    if (request is null)
    {
        return error!;
    }

    if (!Guid.TryParseExact(sid, "N", out var id) || !sessions.TryGetValue(id, out var session))
    {
        return BaselineApi.UnknownSession();
    }

    long seq;
    PageState state;
    CatalogPage? current;
    lock (session)
    {
        (seq, state, current) = (session.Seq, session.State, session.Page);
    }

    if (request.Seq == seq && seq > 0)
    {
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

    var page = await catalog.PageAsync(keyword, target);
    var next = BaselineApi.After(page);
    await using (var update = dataSource.CreateCommand("UPDATE floor_sessions SET state = $3, seq = $2 WHERE id = $1 AND seq = $2 - 1"))
    {
        update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = request.Seq });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = next.ToJson(), NpgsqlDbType = NpgsqlDbType.Text });
        if (await update.ExecuteNonQueryAsync(ct) == 0)
        {
            return BaselineApi.Stale(seq, request.Seq);
        }
    }

    lock (session)
    {
        if (session.Seq == request.Seq - 1)
        {
            (session.Seq, session.State, session.Page) = (request.Seq, next, page);
        }
    }

    return Results.Ok(new BaselineApi.SessionBody(sid, request.Seq, BaselineApi.View(page)));
});

await app.RunAsync();
return 0;
