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
}
