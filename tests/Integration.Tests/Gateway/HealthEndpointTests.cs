using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Gateway;

public sealed class HealthEndpointTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_gateway_process_answers_health_with_200_after_a_grain_call_through_its_silo(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        using var workDir = new TempDirectory();
        var port = FreePort.Next();
        await using var gateway = PlatformProcess.Start(
            RepoPaths.GatewayDll,
            ["--urls", $"http://127.0.0.1:{port}"],
            workDir.Path,
            TestEnvironment.ForPlatformProcess(database));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        var first = await WaitForHealthyAsync(http, gateway);
        var second = await http.GetFromJsonDocumentAsync("/health");

        Assert.Equal("Healthy", first.RootElement.GetProperty("status").GetString());
        Assert.Equal(first.RootElement.GetProperty("probes").GetInt64() + 1, second.RootElement.GetProperty("probes").GetInt64());
        Assert.Contains($"running at http://127.0.0.1:{port}", gateway.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liveness_answers_200_without_the_cluster_while_health_answers_503()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 1, withClient: false);
        await using var gateway = await GatewayProcess.StartForClusterAsync(database, cluster);
        using var http = gateway.CreateClient();
        using (var live = await http.GetAsync("/health/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        // The only silo dies: the grain call of /health cannot be answered, the web host of /health/live still is.
        cluster.Silos[0].Kill();
        await Eventually.ReturnsAsync(
            async () => { using var health = await http.GetAsync("/health"); return health.StatusCode; },
            status => status == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(60));
        using var stillLive = await http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, stillLive.StatusCode);
        Assert.Equal("Live", (await stillLive.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    private static async Task<JsonDocument> WaitForHealthyAsync(HttpClient http, PlatformProcess gateway)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(gateway.HasExited, "gateway exited: " + gateway.StandardError);
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "no healthy answer within 60 s: " + gateway.StandardError);
            await Task.Delay(250);
        }
    }
}
