using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.Silo.Hosting;
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
    /// <paramref name="configureServices"/> adds services of the test's own (after the platform's).
    /// </summary>
    public static async Task<PlatformSilo> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null, bool fakeClock = false, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var all = BaseSettings(database);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(Environment.GetEnvironmentVariable("ORLEANSPLATFORM_TEST_LOG_LEVEL") is { } level && Enum.TryParse<LogLevel>(level, out var parsed) ? parsed : LogLevel.Warning);
        FakeTimeProvider? clock = null;
        if (fakeClock)
        {
            clock = new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.Zero };
            builder.Services.AddKeyedSingleton<TimeProvider>(PlatformClock.Key, clock);
        }

        builder.AddOrleansPlatformSilo();
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new PlatformSilo(host, clock);
    }

    /// <summary>A session id as the Gateway makes them (128 random bits, 32 lowercase hex characters).</summary>
    public static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            host.Dispose();
        }
    }
}
