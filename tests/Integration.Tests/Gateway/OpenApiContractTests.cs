using System.Net;
using System.Text;
using System.Text.Json;
using OrleansPlatform.Integration.Tests.Infrastructure;

namespace OrleansPlatform.Integration.Tests.Gateway;

/// <summary>
/// The Gateway's OpenAPI document describes the JSON API, and real answers conform to it: each request below is sent
/// to a real Gateway process and its status, content type and body are checked against the document.
/// </summary>
public sealed class OpenApiContractTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly (string Method, string Path)[] s_documented =
    [
        ("POST", "/api/apps/{app}/sessions"), ("GET", "/api/sessions/{id}"), ("POST", "/api/sessions/{id}/actions"),
        ("DELETE", "/api/sessions/{id}"), ("GET", "/health"), ("GET", "/api/cluster/silos"), ("GET", "/api/apps"),
        ("POST", "/api/auth/token"),
    ];

    [Fact]
    public async Task The_document_lists_every_endpoint_with_its_schemas_and_problem_json_errors()
    {
        using var http = fixture.Gateway.CreateClient(followRedirects: false);
        var contract = await OpenApiContract.LoadAsync(http);

        Assert.StartsWith("3.", contract.Document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var operations = contract.Operations.Select(o => (o.Method, o.Template)).ToHashSet();
        Assert.Equal(s_documented.ToHashSet(), operations);
        foreach (var (_, _, operation) in contract.Operations)
        {
            var responses = operation.GetProperty("responses");
            var unavailable = responses.GetProperty("503");
            Assert.True(unavailable.GetProperty("content").TryGetProperty("application/problem+json", out _));
            Assert.True(unavailable.GetProperty("headers").TryGetProperty("Retry-After", out _));
            foreach (var response in responses.EnumerateObject().Where(r => r.Name.StartsWith('4')))
            {
                Assert.True(response.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{response.Name} is not problem+json");
            }
        }

        var action = contract.Find("POST", "/api/sessions/x/actions")!.Value.Operation;
        var body = contract.Resolve(action.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(["action", "seq"], body.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal("integer", body.GetProperty("properties").GetProperty("seq").GetProperty("type").GetString());
        var session = contract.Resolve(action.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.True(session.GetProperty("properties").TryGetProperty("view", out _));

        // The document's own schemas accept what they describe and refuse what they do not.
        Assert.Empty(contract.Validate(body, Parse("""{"action":"search","inputs":{"keyword":"router"},"seq":1}""")));
        Assert.NotEmpty(contract.Validate(body, Parse("""{"action":"search","seq":"1"}""")));
        Assert.NotEmpty(contract.Validate(body, Parse("""{"inputs":{}}""")));
    }

    [Fact]
    public async Task Real_answers_conform_to_the_document_for_every_endpoint_and_error()
    {
        using var http = fixture.Gateway.CreateClient(followRedirects: false);
        var contract = await OpenApiContract.LoadAsync(http);
        var violations = new List<string>();
        var seen = new HashSet<(string, string, int)>();

        async Task<string> SendAsync(HttpMethod method, string path, int expected, string? body = null, string contentType = "application/json")
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            }

            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(expected == (int)response.StatusCode, $"{method} {path}: expected {expected}, got {(int)response.StatusCode} {text}");
            violations.AddRange(contract.Check(method.Method, path, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text));
            seen.Add((method.Method, contract.Find(method.Method, path)?.Template ?? path, (int)response.StatusCode));
            return text;
        }

        var started = Parse(await SendAsync(HttpMethod.Post, "/api/apps/catalog-search/sessions", 201));
        var id = started.GetProperty("sessionId").GetString()!;
        var actions = $"/api/sessions/{id}/actions";
        await SendAsync(HttpMethod.Post, "/api/apps/no-such-app/sessions", 404);
        await SendAsync(HttpMethod.Get, $"/api/sessions/{id}", 200);
        await SendAsync(HttpMethod.Get, "/api/sessions/" + new string('a', 32), 404);
        await SendAsync(HttpMethod.Post, actions, 200, """{"action":"search","inputs":{"keyword":"router"},"seq":1}""");
        await SendAsync(HttpMethod.Post, actions, 200, """{"action":"search","inputs":{"keyword":"router"},"seq":1}""");
        await SendAsync(HttpMethod.Post, actions, 409, """{"action":"next","inputs":{},"seq":7}""");
        await SendAsync(HttpMethod.Post, actions, 400, "{not json");
        await SendAsync(HttpMethod.Post, actions, 400, """{"action":"","seq":"x"}""");
        await SendAsync(HttpMethod.Post, actions, 400, """{"action":"fly","inputs":{},"seq":2}""");
        await SendAsync(HttpMethod.Post, actions, 400, """{"action":"search","inputs":{},"seq":2}""");
        await SendAsync(HttpMethod.Post, actions, 413, """{"action":"search","inputs":{"keyword":" """ + new string('x', 70_000) + "\"},\"seq\":2}");
        await SendAsync(HttpMethod.Post, actions, 415, "action=search", "text/plain");
        await SendAsync(HttpMethod.Post, "/api/sessions/" + new string('b', 32) + "/actions", 404, """{"action":"search","inputs":{"keyword":"x"},"seq":1}""");
        await SendAsync(HttpMethod.Get, "/health", 200);
        await SendAsync(HttpMethod.Get, "/api/cluster/silos", 200);
        await SendAsync(HttpMethod.Get, "/api/apps", 200);
        await SendAsync(HttpMethod.Delete, $"/api/sessions/{id}", 204);
        await SendAsync(HttpMethod.Delete, "/api/sessions/not-a-session", 404);

        // Users: order-entry needs a signed-in user; a token comes from /api/auth/token and then the same session API works.
        await SendAsync(HttpMethod.Post, "/api/apps/order-entry/sessions", 401);
        await SendAsync(HttpMethod.Post, "/api/auth/token", 400, """{"user":"x"}""");
        await SendAsync(HttpMethod.Post, "/api/auth/token", 401, """{"user":"nobody","password":"not-a-password"}""");
        await SendAsync(HttpMethod.Post, "/api/auth/token", 415, "user=x", "text/plain");
        var user = await TestUsers.AddAsync(fixture.Database);
        var token = Parse(await SendAsync(HttpMethod.Post, "/api/auth/token", 200, JsonSerializer.Serialize(new { user, password = TestUsers.Password }))).GetProperty("token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // 503: the fixture's silo takes 40 live sessions and lets a new one wait 1 s.
        var extra = new List<string>();
        for (var i = 0; i < 60 && !seen.Contains(("POST", "/api/apps/{app}/sessions", 503)); i++)
        {
            using var response = await http.PostAsync("/api/apps/order-entry/sessions", null);
            var text = await response.Content.ReadAsStringAsync();
            violations.AddRange(contract.Check("POST", "/api/apps/order-entry/sessions", (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                extra.Add(Parse(text).GetProperty("sessionId").GetString()!);
            }
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.NotNull(response.Headers.RetryAfter);
                seen.Add(("POST", "/api/apps/{app}/sessions", 503));
            }
        }

        foreach (var session in extra)
        {
            (await http.DeleteAsync($"/api/sessions/{session}")).Dispose();
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.Contains(("POST", "/api/apps/{app}/sessions", 503), seen);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
