using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Transport;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Membership;

/// <summary>
/// An in-process silo for membership tests: a real <see cref="TransportListener"/> on a loopback port (its bound port is
/// the silo's address) and a Generic Host with the cluster database, the transport's connection pool and membership.
/// </summary>
internal sealed class TestSiloNode : IAsyncDisposable
{
    public const string Secret = "membership-test-cluster-secret-0123456789";

    private static long s_generation = DateTime.UtcNow.Ticks;

    private readonly TransportListener listener;
    private readonly ServiceProvider? realDatabase;
    private bool stopped;

    private TestSiloNode(string name, TransportListener listener, IHost host, TestLoadSource load, FlakyClusterDatabase? flaky, ServiceProvider? realDatabase, RecordingLoggerProvider logs)
    {
        Name = name;
        this.listener = listener;
        Host = host;
        Load = load;
        Database = flaky;
        this.realDatabase = realDatabase;
        Logs = logs;
        Membership = host.Services.GetRequiredService<ISiloMembership>();
        Service = host.Services.GetRequiredService<SiloMembershipService>();
        Lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        Membership.Changed += snapshot => ChangedSnapshots.Enqueue(snapshot);
        Membership.Fenced += () => Interlocked.Increment(ref fencedCount);
    }

    private int fencedCount;

    public string Name { get; }

    public IHost Host { get; }

    public ISiloMembership Membership { get; }

    public SiloMembershipService Service { get; }

    public IHostApplicationLifetime Lifetime { get; }

    public TestLoadSource Load { get; }

    /// <summary>The database double when the node was started with <c>flakyDatabase: true</c>.</summary>
    public FlakyClusterDatabase? Database { get; }

    public RecordingLoggerProvider Logs { get; }

    public string Id => Membership.LocalSilo.Id;

    public int FencedCount => Volatile.Read(ref fencedCount);

    public System.Collections.Concurrent.ConcurrentQueue<MembershipSnapshot> ChangedSnapshots { get; } = new();

    public static async Task<TestSiloNode> StartAsync(
        TestDatabase database,
        string clusterId,
        string name,
        Action<MembershipOptions>? configure = null,
        bool flakyDatabase = false)
    {
        var logs = new RecordingLoggerProvider();
        var transport = new TransportOptions { ClusterId = clusterId, NodeId = name, ClusterSecret = Secret };
        var listener = new TransportListener(new IPEndPoint(IPAddress.Loopback, 0), new NullFrameHandler(), Options.Create(transport));
        using (var timeout = new CancellationTokenSource(Wait.Bound))
        {
            await listener.StartAsync(timeout.Token);
        }

        var address = new SiloAddress("127.0.0.1", listener.BoundEndPoint!.Port, Interlocked.Increment(ref s_generation));
        var load = new TestLoadSource();
        ServiceProvider? real = null;
        FlakyClusterDatabase? flaky = null;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.Configure<SiloOptions>(o =>
        {
            o.ClusterId = clusterId;
            o.SiloName = name;
        });
        if (flakyDatabase)
        {
            real = database.BuildServices();
            flaky = new FlakyClusterDatabase(real.GetRequiredService<IClusterDatabase>());
            builder.Services.AddSingleton<IClusterDatabase>(flaky);
        }

        builder.Services.AddClusterDatabase(database.Configure);
        builder.Services.AddSiloTransport(o =>
        {
            o.ClusterId = clusterId;
            o.NodeId = name;
            o.ClusterSecret = Secret;
        });
        builder.Services.AddSingleton<ILocalSiloDetails>(new TestLocalSiloDetails(address, name));
        builder.Services.AddSingleton<ISiloLoadSource>(load);
        builder.Services.AddSiloMembership(configure);
        var host = builder.Build();
        try
        {
            using var timeout = new CancellationTokenSource(Wait.Bound);
            await host.StartAsync(timeout.Token);
        }
        catch
        {
            await DisposeQuietlyAsync(host);
            await listener.DisposeAsync();
            if (real is not null)
            {
                await real.DisposeAsync();
            }

            throw;
        }

        return new TestSiloNode(name, listener, host, load, flaky, real, logs);
    }

    /// <summary>Stops gracefully: ShuttingDown, then Dead.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        using (var timeout = new CancellationTokenSource(Wait.Bound))
        {
            await Host.StopAsync(timeout.Token);
        }

        await DisposeCoreAsync();
    }

    /// <summary>Closes only the transport listener: the silo keeps heartbeating but can no longer be reached.</summary>
    public async Task StopListenerAsync() => await listener.DisposeAsync();

    /// <summary>Like kill -9: no leave; heartbeats and probes stop, the listener closes (peers' pings fail).</summary>
    public async Task KillAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await DisposeCoreAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopped)
        {
            try
            {
                await StopAsync();
            }
            catch (Exception)
            {
                await KillAsync();
            }
        }
    }

    private async Task DisposeCoreAsync()
    {
        await DisposeQuietlyAsync(Host);
        await listener.DisposeAsync();
        if (realDatabase is not null)
        {
            await realDatabase.DisposeAsync();
        }
    }

    private static async Task DisposeQuietlyAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    private sealed class NullFrameHandler : IFrameHandler
    {
        public ValueTask<ResponseFrame?> HandleAsync(InboundFrame frame, PeerInfo peer, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ResponseFrame?>(null);
    }
}
