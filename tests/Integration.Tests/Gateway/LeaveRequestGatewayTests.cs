using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansPlatform.Integration.Tests.Gateway;

/// <summary>The guide's leave-request through a real Gateway: listed, its page, its JSON API with the rule "days 1..30".</summary>
public sealed class LeaveRequestGatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly HttpClient _http = fixture.Gateway.CreateClient();

    [Fact]
    public async Task Leave_request_is_listed_has_its_page_and_a_request_goes_through_the_api_with_days_outside_1_to_30_refused()
    {
        var apps = await _http.GetFromJsonAsync<JsonElement>("/api/apps");
        var listed = apps.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "leave-request");
        Assert.Equal(("Leave request", "enabled"), (listed.GetProperty("title").GetString(), listed.GetProperty("state").GetString()));
        Assert.Contains("href=\"/apps/leave-request\"", await _http.GetStringAsync("/"), StringComparison.Ordinal);

        var page = await _http.GetStringAsync("/apps/leave-request");
        Assert.Contains("Request leave", page, StringComparison.Ordinal);
        Assert.All(new[] { "employee", "from", "days", "reason" }, field => Assert.Contains($"name=\"{field}\"", page, StringComparison.Ordinal));

        using var started = await _http.PostAsync("/api/apps/leave-request/sessions", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString()!;

        using var refused = await ActAsync(id, "submit", new { employee = "Ada", from = "2026-07-01", days = "31" }, 1);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("days", problem.GetProperty("field").GetString());
        Assert.Contains("between 1 and 30", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var confirm = await ActAsync(id, "submit", new { employee = "Ada", from = "2026-07-30", days = "5", reason = "Summer" }, 1);
        var view = (await confirm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("view");
        Assert.Equal(("confirm", "2026-08-03"), (view.GetProperty("step").GetString(), view.GetProperty("data").GetProperty("to").GetString()));

        using var done = await ActAsync(id, "confirm", new { }, 2);
        var last = (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("view");
        Assert.Equal(("done", "LR-" + id[..8].ToUpperInvariant()), (last.GetProperty("step").GetString(), last.GetProperty("data").GetProperty("reference").GetString()));
    }

    private Task<HttpResponseMessage> ActAsync(string id, string action, object inputs, long seq) =>
        _http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action, inputs, seq });
}
