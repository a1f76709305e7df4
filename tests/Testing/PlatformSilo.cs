using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.Workflows.Testing;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Testing;

/// <summary>
/// A platform silo in the test process, composed exactly as the Silo executable composes it
/// (<c>AddOrleansPlatformSilo</c>): Orleans with the platform's grains, the cluster database, migrations and the
/// bundled applications. SQLite gives the embedded deployment (localhost clustering); PostgreSQL gives a one-silo
/// cluster on ADO.NET clustering with fenced persistence. Its grain factory is the silo's own (co-hosted client).
/// </summary>
public sealed class PlatformSilo : IAsyncDisposable
{
    private readonly IHost host;

    private PlatformSilo(IHost host, FakeTimeProvider? clock)
    {
        this.host = host;
        Clock = clock;
    }

    public IServiceProvider Services => host.Services;

    public IGrainFactory GrainFactory => host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The platform's clock when started with a fake one (Orleans' own clock stays real).</summary>
    public FakeTimeProvider? Clock { get; }

    /// <summary>Settings every test silo gets, in configuration-key form (Section:Key).</summary>
    public static Dictionary<string, string?> BaseSettings(TestDatabase database, string? clusterId = null) => new()
    {
        ["Database:Provider"] = database.Provider,
        ["Database:ConnectionString"] = database.ConnectionString,
        ["Silo:ClusterId"] = clusterId ?? "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
        ["Transport:ClusterSecret"] = "test-secret-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
        ["Catalog:SeedProducts"] = "10000",
    };

    /// <summary>
    /// Starts a silo on <paramref name="database"/>; <paramref name="settings"/> override configuration keys, and
    /// <paramref name="configureServices"/> adds services of the test's own (registered before the platform's).
    /// </summary>
    public static async Task<PlatformSilo> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null, bool fakeClock = false, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var all = BaseSettings(database);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        FakeTimeProvider? clock = fakeClock ? new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.Zero } : null;
        var level = Environment.GetEnvironmentVariable("ORLEANSPLATFORM_TEST_LOG_LEVEL") is { } name && Enum.TryParse<LogLevel>(name, out var parsed) ? parsed : LogLevel.Warning;
        var host = await InProcessSilo.StartAsync(
            all,
            services =>
            {
                if (clock is not null)
                {
                    services.AddKeyedSingleton<TimeProvider>(PlatformClock.Key, clock);
                }

                configureServices?.Invoke(services);
            },
            level);
        return new PlatformSilo(host, clock);
    }

    /// <summary>A session id as the Gateway makes them (128 random bits, 32 lowercase hex characters).</summary>
    public static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public async ValueTask DisposeAsync() => await InProcessSilo.StopAsync(host);
}
