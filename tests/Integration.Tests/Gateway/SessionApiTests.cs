using OrleansPlatform.Integration.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansPlatform.Integration.Tests.Gateway;

public sealed class SessionApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly HttpClient _http = fixture.Gateway.CreateClient();

    [Fact]
    public async Task Starting_a_session_returns_201_with_an_unguessable_id_and_the_first_view()
    {
        using var response = await _http.PostAsync("/api/apps/catalog-search/sessions", null);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("sessionId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal($"/api/sessions/{id}", response.Headers.Location?.ToString());
        Assert.Equal("catalog-search", body.GetProperty("view").GetProperty("app").GetString());
        Assert.Contains(body.GetProperty("view").GetProperty("actions").EnumerateArray(), a => a.GetProperty("name").GetString() == "search");
    }

    [Fact]
    public async Task The_applications_are_listed_with_versions_states_and_descriptions_and_a_session_says_its_version()
    {
        using var response = await _http.GetAsync("/api/apps");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var apps = (await ReadJsonAsync(response)).EnumerateArray().ToList();

        // Ordered by id, the bundled applications each with a title, a sentence and its versions.
        Assert.Equal(["catalog-search", "order-entry"], apps.Select(a => a.GetProperty("id").GetString()).Where(id => id is "catalog-search" or "order-entry"));
        var catalog = apps.Single(a => a.GetProperty("id").GetString() == "catalog-search");
        Assert.Equal("Catalog search", catalog.GetProperty("title").GetString());
        Assert.Contains("catalog", catalog.GetProperty("description").GetString()!, StringComparison.OrdinalIgnoreCase);
        var newest = catalog.GetProperty("version").GetString()!;
        Assert.Equal(newest, catalog.GetProperty("versions").EnumerateArray().Last().GetString());
        Assert.Equal("enabled", catalog.GetProperty("state").GetString());

        // A new session starts on the newest version, and every answer says so.
        using var started = await _http.PostAsync("/api/apps/catalog-search/sessions", null);
        var body = await ReadJsonAsync(started);
        Assert.Equal(newest, body.GetProperty("version").GetString());
        using var again = await _http.GetAsync($"/api/sessions/{body.GetProperty("sessionId").GetString()}");
        Assert.Equal(newest, (await ReadJsonAsync(again)).GetProperty("version").GetString());
    }

    [Fact]
    public async Task Search_then_paging_follows_the_contract()
    {
        var id = await StartAsync();

        var results = await ActAsync(id, "search", new { keyword = "router" }, 1);
        var page2 = await ActAsync(id, "next", new { }, 2);

        var data = page2.GetProperty("view").GetProperty("data");
        Assert.Equal("router", data.GetProperty("keyword").GetString());
        Assert.Equal(2, data.GetProperty("page").GetInt32());
        Assert.Equal(5, data.GetProperty("pageSize").GetInt32());
        Assert.True(data.GetProperty("total").GetInt32() >= 40);
        Assert.Equal(5, data.GetProperty("items").GetArrayLength());
        Assert.All(data.GetProperty("items").EnumerateArray(), item => Assert.Contains("router", item.GetProperty("name").GetString()!, StringComparison.OrdinalIgnoreCase));
        Assert.NotEqual(
            results.GetProperty("view").GetProperty("data").GetProperty("items")[0].GetProperty("id").GetRawText(),
            data.GetProperty("items")[0].GetProperty("id").GetRawText());
    }

    [Fact]
    public async Task Unknown_application_and_unknown_or_malformed_session_ids_are_404()
    {
        await AssertProblemAsync(await _http.PostAsync("/api/apps/no-such-app/sessions", null), HttpStatusCode.NotFound, "application");
        await AssertProblemAsync(await _http.PostAsync("/api/apps/Bad%20App!/sessions", null), HttpStatusCode.NotFound, "application");
        await AssertProblemAsync(await _http.GetAsync("/api/sessions/" + new string('a', 32)), HttpStatusCode.NotFound, "session");
        await AssertProblemAsync(await _http.GetAsync("/api/sessions/../../etc/passwd"), HttpStatusCode.NotFound, null);
        await AssertProblemAsync(await _http.GetAsync("/api/sessions/not-a-session-id"), HttpStatusCode.NotFound, "session");
    }

    [Fact]
    public async Task Malformed_and_invalid_action_bodies_are_400_naming_the_field()
    {
        var id = await StartAsync();

        await AssertProblemAsync(await PostRawAsync(id, "{not json"), HttpStatusCode.BadRequest, "body");
        await AssertProblemAsync(await PostRawAsync(id, "[1,2,3]"), HttpStatusCode.BadRequest, "body");
        await AssertProblemAsync(await PostRawAsync(id, """{"action":"search","inputs":{"keyword":"x"}}"""), HttpStatusCode.BadRequest, "seq");
        await AssertProblemAsync(await PostRawAsync(id, """{"action":"","seq":1}"""), HttpStatusCode.BadRequest, "action");
        await AssertProblemAsync(await PostRawAsync(id, """{"action":"search","inputs":[1],"seq":1}"""), HttpStatusCode.BadRequest, "inputs");
        await AssertProblemAsync(await PostRawAsync(id, """{"action":"search","inputs":{},"seq":1}"""), HttpStatusCode.BadRequest, "keyword");
        await AssertProblemAsync(await PostRawAsync(id, """{"action":"fly","seq":1}"""), HttpStatusCode.BadRequest, "fly");

        // Nothing was applied: the first valid interaction still takes seq 1.
        await ActAsync(id, "search", new { keyword = "router" }, 1);
    }

    [Fact]
    public async Task Invalid_inputs_are_400_problem_json_with_every_field_and_its_message_and_the_view_carries_the_field_model()
    {
        // order-entry needs a signed-in user: a bearer token on this test's client.
        await TestUsers.AuthorizeAsync(_http, fixture.Database);
        using var started = await _http.PostAsync("/api/apps/order-entry/sessions", null);
        var body = await ReadJsonAsync(started);
        var id = body.GetProperty("sessionId").GetString()!;
        var add = body.GetProperty("view").GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "add");
        Assert.Equal(("Add to cart", false, "items"), (add.GetProperty("label").GetString(), add.GetProperty("disabled").GetBoolean(), add.GetProperty("rows").GetString()));
        var quantity = add.GetProperty("inputs")[1];
        Assert.Equal(("quantity", "number", "Quantity"), (quantity.GetProperty("name").GetString(), quantity.GetProperty("type").GetString(), quantity.GetProperty("label").GetString()));
        Assert.Equal((1, 1000, "1"), (quantity.GetProperty("min").GetInt64(), quantity.GetProperty("max").GetInt64(), quantity.GetProperty("value").GetString()));

        using var response = await _http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "add", inputs = new { productId = "", quantity = "0" }, seq = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await ReadJsonAsync(response);
        Assert.Equal("Invalid input", problem.GetProperty("title").GetString());
        Assert.Equal("productId", problem.GetProperty("field").GetString()); // the first, as before
        var errors = problem.GetProperty("errors");
        Assert.Equal(["productId", "quantity"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal("Product id is required.", errors.GetProperty("productId")[0].GetString());
        Assert.Equal("Quantity must be between 1 and 1000 (got 0).", errors.GetProperty("quantity")[0].GetString());
        Assert.Contains("Input 'quantity' must be between 1 and 1000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Nothing was applied: the next valid interaction still takes seq 1.
        Assert.Equal(1, (await ActAsync(id, "add", new { productId = "3", quantity = "2" }, 1)).GetProperty("view").GetProperty("data").GetProperty("cartLines").GetInt32());
    }

    [Fact]
    public async Task Stale_seq_is_409_and_a_duplicate_is_applied_once()
    {
        var id = await StartAsync();
        await ActAsync(id, "search", new { keyword = "router" }, 1);
        var page2 = await ActAsync(id, "next", new { }, 2);

        var duplicate = await ActAsync(id, "next", new { }, 2);
        Assert.Equal(2, duplicate.GetProperty("view").GetProperty("data").GetProperty("page").GetInt32());
        Assert.Equal(page2.GetProperty("view").GetRawText(), duplicate.GetProperty("view").GetRawText());

        using var stale = await _http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "next", inputs = new { }, seq = 1 });
        await AssertProblemAsync(stale, HttpStatusCode.Conflict, "3");
    }

    [Fact]
    public async Task Too_large_and_non_json_bodies_are_413_and_415()
    {
        var id = await StartAsync();

        var huge = "{\"action\":\"search\",\"inputs\":{\"keyword\":\"" + new string('x', 100_000) + "\"},\"seq\":1}";
        await AssertProblemAsync(await PostRawAsync(id, huge), HttpStatusCode.RequestEntityTooLarge, "bytes");
        using var text = new StringContent("action=search", Encoding.UTF8, "text/plain");
        await AssertProblemAsync(await _http.PostAsync($"/api/sessions/{id}/actions", text), HttpStatusCode.UnsupportedMediaType, "json");
    }

    [Fact]
    public async Task An_ended_session_is_gone()
    {
        var id = await StartAsync();

        using var deleted = await _http.DeleteAsync($"/api/sessions/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertProblemAsync(await _http.GetAsync($"/api/sessions/{id}"), HttpStatusCode.NotFound, "session");
    }

    private async Task<string> StartAsync()
    {
        using var response = await _http.PostAsync("/api/apps/catalog-search/sessions", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("sessionId").GetString()!;
    }

    private async Task<JsonElement> ActAsync(string id, string action, object inputs, long seq)
    {
        using var response = await _http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action, inputs, seq });
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private Task<HttpResponseMessage> PostRawAsync(string id, string json) =>
        _http.PostAsync($"/api/sessions/{id}/actions", new StringContent(json, Encoding.UTF8, "application/json"));

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? mentions)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (mentions is not null)
            {
                Assert.Contains(mentions, text, StringComparison.OrdinalIgnoreCase);
            }

            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
