using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Membership;

[Collection(MembershipCollection.Name)]
public sealed class MembershipReaderTests
{
    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_reader_sees_joins_and_deaths(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clusterId = "reader-" + Guid.NewGuid().ToString("N")[..8];
        await using var reader = await StartReaderAsync(database, clusterId, _ => { });
        var view = reader.Services.GetRequiredService<IMembershipView>();
        var changes = new List<MembershipSnapshot>();
        view.Changed += snapshot =>
        {
            lock (changes)
            {
                changes.Add(snapshot);
            }
        };
        Assert.Empty(view.Current.Silos);

        await using var a = await TestSiloNode.StartAsync(database, clusterId, "a");
        await using var b = await TestSiloNode.StartAsync(database, clusterId, "b");
        await Wait.UntilAsync(() => view.Current.ActiveSilos.Count() == 2, "the reader sees both silos Active");

        var bId = b.Id;
        await b.KillAsync();
        await Wait.UntilAsync(() => view.Current.IsDead(bId), "the reader sees the killed silo dead");
        Assert.Equal(SiloStatus.Active, view.Current.Find(a.Id)?.Status);
        lock (changes)
        {
            Assert.Contains(changes, s => s.Find(bId)?.Status == SiloStatus.Active);
            Assert.Contains(changes, s => s.Find(bId)?.Status == SiloStatus.Dead);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task With_postgres_a_notification_beats_a_long_polling_interval()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        var clusterId = "notify-" + Guid.NewGuid().ToString("N")[..8];
        await using var reader = await StartReaderAsync(database, clusterId, o => o.RefreshInterval = TimeSpan.FromSeconds(30));
        var view = reader.Services.GetRequiredService<IMembershipView>();

        var stopwatch = Stopwatch.StartNew();
        await using var silo = await TestSiloNode.StartAsync(database, clusterId, "joiner");
        await Wait.UntilAsync(() => view.Current.Find(silo.Id)?.Status == SiloStatus.Active, "the reader sees the join", TimeSpan.FromSeconds(10));
        var joinSeen = stopwatch.Elapsed;

        stopwatch.Restart();
        await silo.Service.BeginShutdownAsync();
        await Wait.UntilAsync(() => view.Current.Find(silo.Id)?.Status == SiloStatus.ShuttingDown, "the reader sees the status change", TimeSpan.FromSeconds(10));
        var changeSeen = stopwatch.Elapsed;

        Assert.True(changeSeen < TimeSpan.FromSeconds(5), $"the reader saw the change after {changeSeen}");
        Console.WriteLine($"[membership] reader with 30 s polling: join seen {joinSeen.TotalMilliseconds:F0} ms (incl. silo start), status change seen {changeSeen.TotalMilliseconds:F0} ms");
    }

    private static async Task<OwnedHost> StartReaderAsync(TestDatabase database, string clusterId, Action<MembershipOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.Configure<SiloOptions>(o => o.ClusterId = clusterId);
        builder.Services.AddClusterDatabase(database.Configure);
        builder.Services.AddMembershipReader(configure);
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(Wait.Bound);
        await host.StartAsync(timeout.Token);
        return new OwnedHost(host);
    }

    /// <summary>Stops the host (bounded) when disposed.</summary>
    private sealed class OwnedHost(IHost inner) : IHost, IAsyncDisposable
    {
        public IServiceProvider Services => inner.Services;

        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

        public void Dispose() => inner.Dispose();

        public async ValueTask DisposeAsync()
        {
            using (var timeout = new CancellationTokenSource(Wait.Bound))
            {
                await inner.StopAsync(timeout.Token);
            }

            if (inner is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            else
            {
                inner.Dispose();
            }
        }
    }
}
