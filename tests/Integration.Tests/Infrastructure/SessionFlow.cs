using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>Session steps through the Gateway's JSON API that several tests share.</summary>
public static class SessionFlow
{
    /// <summary>Starts a session of <paramref name="app"/>; returns its id.</summary>
    public static async Task<string> StartAsync(HttpClient http, string app)
    {
        using var started = await http.PostAsync($"/api/apps/{app}/sessions", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString()!;
    }

    /// <summary>Starts a catalog search for "router" and pages to page 2 (the next action is seq 3).</summary>
    public static async Task<string> StartAtPageTwoAsync(HttpClient http)
    {
        var id = await StartAsync(http, "catalog-search");
        (await http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "search", inputs = new { keyword = "router" }, seq = 1 })).EnsureSuccessStatusCode();
        using var page2 = await http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "next", seq = 2 });
        page2.EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>Sends the "next" action with <paramref name="seq"/>: the status and the parsed body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> NextAsync(HttpClient http, string id, long seq, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "next", seq }, cancellationToken);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement);
    }

    /// <summary>The page a catalog-search answer shows.</summary>
    public static int Page(JsonElement body) => body.GetProperty("view").GetProperty("data").GetProperty("page").GetInt32();

    /// <summary>The product ids a catalog-search answer shows.</summary>
    public static long[] Items(JsonElement body) =>
        [.. body.GetProperty("view").GetProperty("data").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];
}
