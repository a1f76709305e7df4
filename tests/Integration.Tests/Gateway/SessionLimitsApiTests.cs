using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Gateway;

public sealed class SessionLimitsApiTests
{
    [Fact]
    public async Task An_expired_session_is_410_with_its_view_and_restart_starts_again()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var gateway = await GatewayProcess.StartAsync(database, new Dictionary<string, string> { ["Sessions__IdleTimeout"] = "00:00:01" });
        using var http = gateway.CreateClient();
        using var started = await http.PostAsync("/api/apps/catalog-search/sessions", null);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("sessionId").GetString()!;

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var expired = await http.GetAsync($"/api/sessions/{id}");
        var problem = JsonDocument.Parse(await expired.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("application/problem+json", expired.Content.Headers.ContentType?.MediaType);
        Assert.Equal("session-expired", problem.GetProperty("view").GetProperty("step").GetString());
        Assert.Contains(problem.GetProperty("view").GetProperty("actions").EnumerateArray(), a => a.GetProperty("name").GetString() == "restart");

        using var restarted = await http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "restart", inputs = new { }, seq = 1 });
        var body = JsonDocument.Parse(await restarted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, restarted.StatusCode);
        Assert.Equal("search", body.GetProperty("view").GetProperty("step").GetString());
    }

    [Fact]
    public async Task When_the_cluster_is_full_a_new_session_is_503_with_retry_after()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var gateway = await GatewayProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["Placement__Capacity"] = "2",
            ["Placement__WaitTimeout"] = "00:00:01",
        });
        using var http = gateway.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var ok = await http.PostAsync("/api/apps/catalog-search/sessions", null);
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        using var busy = await http.PostAsync("/api/apps/catalog-search/sessions", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.True(busy.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After missing");
        Assert.Contains("capacity", await busy.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
