using System.Net;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>A real Gateway process (hosting its silo in-process) on a free loopback port, healthy before use.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly TempDirectory _workDir = new();
    private PlatformProcess? _process;

    public Uri BaseAddress { get; private set; } = null!;

    public PlatformProcess Process => _process!;

    /// <summary>A Gateway in cluster mode: a cluster client of the silos of <paramref name="cluster"/>.</summary>
    public static Task<GatewayProcess> StartForClusterAsync(TestDatabase database, SiloCluster cluster, IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(cluster.Settings) { ["Gateway__Mode"] = "Cluster" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return StartAsync(database, settings);
    }

    public static async Task<GatewayProcess> StartAsync(TestDatabase database, IDictionary<string, string>? settings = null)
    {
        var gateway = new GatewayProcess();
        var port = FreePort.Next();
        gateway.BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var environment = TestEnvironment.ForPlatformProcess(database);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment["ORLEANSPLATFORM_" + key] = value;
        }

        gateway._process = PlatformProcess.Start(RepoPaths.GatewayDll, ["--urls", gateway.BaseAddress.ToString().TrimEnd('/')], gateway._workDir.Path, environment);
        using var http = gateway.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (gateway._process.HasExited)
            {
                throw new InvalidOperationException("gateway exited: " + gateway._process.StandardError);
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return gateway;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("gateway not healthy in time: " + gateway._process.StandardError);
            }

            await Task.Delay(200);
        }
    }

    public HttpClient CreateClient(bool followRedirects = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = followRedirects })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            if (Environment.GetEnvironmentVariable("ORLEANSPLATFORM_TEST_LOGS") is { Length: > 0 } logDirectory)
            {
                // Diagnostics for a failing run, as SiloCluster keeps the silos'.
                Directory.CreateDirectory(logDirectory);
                await File.WriteAllTextAsync(
                    Path.Combine(logDirectory, $"gateway-{BaseAddress.Port}.log"),
                    _process.StandardOutput + "\n--- stderr ---\n" + _process.StandardError);
            }
        }

        _workDir.Dispose();
    }
}
