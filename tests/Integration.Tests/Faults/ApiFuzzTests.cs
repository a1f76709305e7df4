using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Faults;

/// <summary>
/// 10,000 generated requests against a real Gateway process on PostgreSQL: most are derived from the OpenAPI document
/// (its operations, path parameters and the action body's schema, then bent: a property dropped, a wrong type, an
/// extra field, a boundary value; seqs that are next, replayed, out of order or far ahead; the actions and inputs the
/// session's own view offers), the rest raw junk (bad JSON, huge bodies, wrong content types and methods, unknown and
/// malformed ids). Zero 5xx other than 503, every error under the API is problem+json, every answer to a documented
/// operation conforms to the document, and no process exits. The seed is printed; set ORLEANSPLATFORM_FUZZ_SEED to
/// replay a run.
/// </summary>
[Trait("Category", "Faults")]
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private const int RequestCount = 10_000;
    private const int Workers = 8;
    private static readonly string[] s_apps = ["catalog-search", "order-entry"];
    private static readonly string[] s_junkSegments =
    [
        "nope", "ORDER-ENTRY", "..", "%2e%2e", "%00", "x;y", "ü🎉", new string('z', 2000), "' OR 1=1 --", "<script>", "0", "-1",
        "0123456789abcdef0123456789abcdef", "00000000000000000000000000000000", "0123456789ABCDEF0123456789ABCDEF",
    ];

    private static readonly string[] s_contentTypes =
        ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "application/xml", "garbage/garbage", "application/problem+json"];

    [Fact]
    public async Task Ten_thousand_generated_requests_get_no_5xx_but_503_only_problem_json_errors_and_conforming_answers()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ORLEANSPLATFORM_FUZZ_SEED"), CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (ORLEANSPLATFORM_FUZZ_SEED={seed} replays it)");

        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var gateway = await GatewayProcess.StartAsync(database);
        using var http = gateway.CreateClient(followRedirects: false);
        var contract = await OpenApiContract.LoadAsync(http);
        var actionSchema = contract.Resolve(contract.Find("POST", "/api/sessions/x/actions")!.Value.Operation
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));

        // order-entry needs a signed-in user: every request carries a bearer token (the sessions are that user's).
        await TestUsers.AuthorizeAsync(http, database);
        var sessions = new ConcurrentDictionary<string, SessionState>(StringComparer.Ordinal);
        for (var i = 0; i < 12; i++)
        {
            var app = s_apps[i % s_apps.Length];
            using var started = await http.PostAsync($"/api/apps/{app}/sessions", null);
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var body = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
            sessions[body["sessionId"]!.GetValue<string>()] = new SessionState(app, body["seq"]!.GetValue<long>(), body["view"]!.DeepClone());
        }

        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var kinds = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed + worker);
            while (Interlocked.Increment(ref sent) <= RequestCount)
            {
                var generated = Generate(random, sessions, actionSchema);
                kinds.AddOrUpdate(generated.Kind, 1, (_, n) => n + 1);
                using var request = generated.Request;
                var description = $"[{generated.Kind}] {request.Method} {Short(request.RequestUri!.OriginalString)}";
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request);
                }
                catch (HttpRequestException exception)
                {
                    // A body over the limit is answered 413 before it is read; the Gateway then closes the connection
                    // rather than read the rest, and a client still sending sees the close. Anything else must be answered.
                    if (generated.Kind == "huge")
                    {
                        kinds.AddOrUpdate("huge, closed while sending", 1, (_, n) => n + 1);
                        statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
                    }
                    else
                    {
                        failures.Enqueue($"{description}: no answer ({exception.Message})");
                    }

                    continue;
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    var body = await response.Content.ReadAsStringAsync();
                    var mediaType = response.Content.Headers.ContentType?.MediaType;
                    var path = request.RequestUri.OriginalString.Split('?')[0];
                    if (status >= 500 && status != 503)
                    {
                        failures.Enqueue($"{description}: {status} {Short(body)}");
                    }

                    if (status == 503 && response.Headers.RetryAfter is null)
                    {
                        failures.Enqueue($"{description}: 503 without Retry-After");
                    }

                    if (status >= 400 && IsApi(path) && request.Method != HttpMethod.Head && mediaType != "application/problem+json")
                    {
                        failures.Enqueue($"{description}: {status} as {mediaType ?? "(no content type)"}: {Short(body)}");
                    }

                    if (contract.Find(request.Method.Method, path) is not null && request.Method != HttpMethod.Head && status != 405)
                    {
                        foreach (var violation in contract.Check(request.Method.Method, path, status, mediaType, body))
                        {
                            failures.Enqueue($"[{generated.Kind}] {violation}");
                        }
                    }

                    if (generated.SessionId is { } id && sessions.TryGetValue(id, out var state))
                    {
                        state.Observe(status, body);
                    }
                }
            }
        })));
        var elapsed = clock.Elapsed;

        output.WriteLine($"{Math.Min(sent, RequestCount)} requests in {elapsed.TotalSeconds:0.0} s ({Workers} workers)");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}")));
        output.WriteLine("kinds: " + string.Join(", ", kinds.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}")));

        Assert.True(failures.IsEmpty, $"{failures.Count} failures (seed {seed}):\n" + string.Join("\n", failures.Take(25)));
        Assert.True(statuses.Values.Sum() == RequestCount, $"only {statuses.Values.Sum()} of {RequestCount} requests answered (seed {seed})");
        Assert.False(gateway.Process.HasExited, $"the Gateway exited with {(gateway.Process.HasExited ? gateway.Process.ExitCode : 0)}");
        Assert.True(statuses.GetValueOrDefault(200) > 500, "too few requests got through to the sessions to mean anything");
        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static bool IsApi(string path) =>
        path.StartsWith("/api/", StringComparison.Ordinal) || path == "/health";

    private static Generated Generate(Random random, ConcurrentDictionary<string, SessionState> sessions, JsonElement actionSchema)
    {
        var ids = sessions.Keys.ToArray();
        var id = ids[random.Next(ids.Length)];
        var state = sessions[id];
        return random.Next(20) switch
        {
            < 9 => ActionFromView(random, id, state),
            < 11 => Json("schema", HttpMethod.Post, $"/api/sessions/{id}/actions", FromSchema(random, actionSchema, state), id),
            11 => new Generated("get", new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{PickId(random, id)}"), id),
            12 => new Generated("start", new HttpRequestMessage(HttpMethod.Post, $"/api/apps/{PickApp(random)}/sessions"), null),
            13 => Delete(random, sessions, id),
            14 => new Generated("read-only", new HttpRequestMessage(random.Next(2) == 0 ? HttpMethod.Get : HttpMethod.Head, random.Next(2) == 0 ? "/health" : "/api/cluster/silos"), null),
            15 => Junk(random, id),
            16 => Huge(random, id),
            17 => WrongMethod(random, id),
            18 => Json("bad-seq", HttpMethod.Post, $"/api/sessions/{id}/actions", BadSeq(random, state), id),
            _ => Json("unknown-id", HttpMethod.Post, $"/api/sessions/{PickId(random, null)}/actions", new JsonObject { ["action"] = "search", ["inputs"] = new JsonObject(), ["seq"] = 1 }.ToJsonString(), null),
        };
    }

    // What a client following the view would send: one of the offered actions, its inputs filled (sometimes badly), the next seq (sometimes a replay).
    private static Generated ActionFromView(Random random, string id, SessionState state)
    {
        var (seq, view) = state.Snapshot();
        var actions = view?["actions"]?.AsArray() ?? [];
        var inputs = new JsonObject();
        var name = "search";
        if (actions.Count > 0)
        {
            var action = actions[random.Next(actions.Count)]!;
            name = action["name"]!.GetValue<string>();
            foreach (var input in action["inputs"]!.AsArray())
            {
                var field = input!["name"]!.GetValue<string>();
                if (random.Next(10) == 0)
                {
                    continue;
                }

                inputs[field] = input["type"]!.GetValue<string>() == "number"
                    ? random.Next(6) switch { 0 => JsonValue.Create(-1), 1 => JsonValue.Create("abc"), 2 => JsonValue.Create(long.MaxValue), _ => JsonValue.Create(random.Next(1, 20)) }
                    : random.Next(6) switch { 0 => JsonValue.Create(""), 1 => JsonValue.Create(new string('w', random.Next(100, 3000))), 2 => null, _ => JsonValue.Create(random.Next(3) == 0 ? "router" : "cable") };
            }
        }

        var next = random.Next(8) == 0 ? seq : seq + 1;
        return Json("view", HttpMethod.Post, $"/api/sessions/{id}/actions", new JsonObject { ["action"] = name, ["inputs"] = inputs, ["seq"] = next }.ToJsonString(), id);
    }

    // An instance of the action schema, then bent in one way.
    private static string FromSchema(Random random, JsonElement schema, SessionState state)
    {
        var body = new JsonObject();
        foreach (var property in schema.GetProperty("properties").EnumerateObject())
        {
            body[property.Name] = property.Name switch
            {
                "seq" => state.Snapshot().Seq + 1,
                "action" => random.Next(2) == 0 ? "search" : "next",
                _ => new JsonObject { ["keyword"] = "router" },
            };
        }

        var names = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();
        var target = names[random.Next(names.Length)];
        switch (random.Next(6))
        {
            case 0:
                body.Remove(target);
                break;
            case 1:
                body[target] = random.Next(4) switch { 0 => JsonValue.Create(true), 1 => new JsonArray(1, 2), 2 => JsonValue.Create("7"), _ => null };
                break;
            case 2:
                body["unexpected" + random.Next(100)] = new JsonObject { ["deep"] = new JsonArray(new JsonObject()) };
                break;
            case 3:
                body[target] = target == "seq" ? JsonValue.Create(random.Next(2) == 0 ? 0L : long.MaxValue) : JsonValue.Create(new string('a', 65));
                break;
            case 4:
                body["inputs"] = new JsonObject { ["keyword"] = new JsonObject { ["nested"] = 1 }, ["x"] = new JsonArray() };
                break;
        }

        return body.ToJsonString();
    }

    private static string BadSeq(Random random, SessionState state)
    {
        var seq = state.Snapshot().Seq;
        var bad = random.Next(5) switch { 0 => seq - 1, 1 => seq + 2 + random.Next(1000), 2 => -random.Next(1, 100), 3 => 0, _ => seq };
        return new JsonObject { ["action"] = "search", ["inputs"] = new JsonObject { ["keyword"] = "router" }, ["seq"] = bad }.ToJsonString();
    }

    private static Generated Delete(Random random, ConcurrentDictionary<string, SessionState> sessions, string id)
    {
        // Rarely end a real session (keeping enough to drive); usually an unknown or malformed one.
        var target = random.Next(40) == 0 && sessions.Count > 6 && sessions.TryRemove(id, out _) ? id : PickId(random, null);
        return new Generated("delete", new HttpRequestMessage(HttpMethod.Delete, $"/api/sessions/{target}"), null);
    }

    private static Generated Junk(Random random, string id)
    {
        var bodies = new Func<string>[]
        {
            () => "{",
            () => "{\"action\": \"search\", \"seq\": 1,}",
            () => new string('[', random.Next(1, 500)),
            () => "null",
            () => "[1,2,3]",
            () => "\"just a string\"",
            () => "{\"action\":\"search\",\"seq\":1e400}",
            () => "{\"action\":\"\\ud800\",\"seq\":1}",
            () => Encoding.Latin1.GetString(RandomBytes(random, random.Next(1, 300))),
            () => "",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{PickId(random, id)}/actions")
        {
            Content = new StringContent(bodies[random.Next(bodies.Length)](), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = null;
        request.Content.Headers.TryAddWithoutValidation("Content-Type", s_contentTypes[random.Next(s_contentTypes.Length)]);
        return new Generated("junk", request, null);
    }

    private static Generated Huge(Random random, string id)
    {
        var size = random.Next(3) switch { 0 => 64 * 1024 + 1, 1 => 512 * 1024, _ => random.Next(60_000, 70_000) };
        var body = "{\"action\":\"search\",\"inputs\":{\"keyword\":\"" + new string('x', size) + "\"},\"seq\":1}";
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/actions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (random.Next(2) == 0)
        {
            // No Content-Length: the limit must hold while the body streams in.
            request.Headers.TransferEncodingChunked = true;
        }

        return new Generated("huge", request, null);
    }

    private static Generated WrongMethod(Random random, string id)
    {
        var methods = new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Options, HttpMethod.Get, HttpMethod.Delete };
        var paths = new[] { $"/api/sessions/{id}/actions", "/api/apps/catalog-search/sessions", "/api/cluster/silos", $"/api/sessions/{id}/nothing", "/api/nothing" };
        var request = new HttpRequestMessage(methods[random.Next(methods.Length)], paths[random.Next(paths.Length)]);
        if (random.Next(2) == 0)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return new Generated("method", request, null);
    }

    private static Generated Json(string kind, HttpMethod method, string path, string body, string? id) =>
        new(kind, new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") }, id);

    private static string PickApp(Random random) => random.Next(3) == 0 ? s_junkSegments[random.Next(s_junkSegments.Length)] : s_apps[random.Next(s_apps.Length)];

    private static string PickId(Random random, string? known) => known is not null && random.Next(2) == 0
        ? known
        : random.Next(3) == 0 ? Convert.ToHexStringLower(RandomBytes(random, 16)) : Uri.EscapeDataString(s_junkSegments[random.Next(s_junkSegments.Length)]);

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Short(string text) => text.Length <= 160 ? text : text[..160] + "…";

    private sealed record Generated(string Kind, HttpRequestMessage Request, string? SessionId);

    // A session's last known seq and view, as its 200 answers said (several workers drive one session: stale seqs happen, as they would).
    private sealed class SessionState(string app, long seq, JsonNode view)
    {
        private readonly Lock gate = new();
        private long seq = seq;
        private JsonNode? view = view;

        public string App { get; } = app;

        public (long Seq, JsonNode? View) Snapshot()
        {
            lock (gate)
            {
                return (seq, view);
            }
        }

        public void Observe(int status, string body)
        {
            if (status != 200)
            {
                return;
            }

            var answer = JsonNode.Parse(body);
            if (answer?["seq"]?.GetValue<long>() is { } answered && answer["view"] is { } newView)
            {
                lock (gate)
                {
                    if (answered >= seq)
                    {
                        (seq, view) = (answered, newView.DeepClone());
                    }
                }
            }
        }
    }
}
