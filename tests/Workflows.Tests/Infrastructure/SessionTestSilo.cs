using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Locks;
using OrleansPlatform.Runtime.Storage;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Hosting;

namespace OrleansPlatform.Workflows.Tests.Infrastructure;

/// <summary>An in-process silo (no cluster) with real storage, the bundled applications, sessions and cluster locks.</summary>
public sealed class SessionTestSilo : IAsyncDisposable
{
    private readonly IHost host;

    private SessionTestSilo(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public IGrainFactory GrainFactory => host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<SessionTestSilo> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null, Action<SessionOptions>? sessions = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrainRuntime().AddGrainsFromAssembly(typeof(SessionGrain).Assembly);
        builder.Services.AddClusterDatabase(database.Configure);
        builder.Services.AddAdoNetGrainStorage();
        builder.Services.AddClusterLocks();
        builder.Services.Replace(ServiceDescriptor.Singleton<ILockOwnerAccessor, FreshOwner>());
        builder.Services.AddBundledApplications();
        builder.Services.AddSessions(sessions);
        var host = builder.Build();
        await host.StartAsync();
        return new SessionTestSilo(host);
    }

    public static string NewSessionId() => Guid.NewGuid().ToString("N");

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }

    /// <summary>Outside a cluster there is no activation owner; each acquisition gets its own owner on a silo with no membership row (alive).</summary>
    private sealed class FreshOwner : ILockOwnerAccessor
    {
        public LockOwner Current => new("test-" + Guid.NewGuid().ToString("N"), "127.0.0.1:1@1");
    }
}
