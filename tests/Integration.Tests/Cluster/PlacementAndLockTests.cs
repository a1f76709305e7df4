using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansPlatform.Grains.Diagnostics;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Locks;
using OrleansPlatform.Runtime.Transport;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class PlacementAndLockTests
{
    [Fact]
    public async Task Least_loaded_placement_fills_each_silo_to_its_capacity_then_waits_then_fails_typed()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, silos: 3, new Dictionary<string, string>
        {
            ["Placement__Capacity"] = "10",
            ["Placement__WaitTimeout"] = "00:00:04",
        });
        var grains = cluster.Client;

        var placed = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            placed.Add(await grains.GetGrain<ICapacityProbeGrain>($"slot-{i}").WhereAmI());
        }

        Assert.Equal([10, 10, 10], placed.GroupBy(s => s).Select(g => g.Count()).OrderBy(c => c).ToArray());

        // The 31st waits; freeing one slot lets it in.
        var waiting = grains.GetGrain<ICapacityProbeGrain>("slot-30").WhereAmI();
        await Task.Delay(800);
        Assert.False(waiting.IsCompleted, "the 31st activation should wait for capacity");
        await grains.GetGrain<ICapacityProbeGrain>("slot-0").Release();
        Assert.Equal(placed[0], await waiting.WaitAsync(TimeSpan.FromSeconds(20)));

        // With nothing freed, the next one fails with the typed error at the waiting-list timeout.
        var sinceAsked = Stopwatch.StartNew();
        var busy = await Assert.ThrowsAsync<ClusterBusyException>(() => grains.GetGrain<ICapacityProbeGrain>("slot-31").WhereAmI());
        Assert.Contains("capacity", busy.Message, StringComparison.Ordinal);
        Assert.InRange(sinceAsked.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_lock_held_by_a_grain_of_a_killed_silo_is_free_once_that_silo_is_declared_dead()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, silos: 2, new Dictionary<string, string>
        {
            // A lease far longer than the test: only the death declaration can free the lock.
            ["ClusterLocks__LeaseDuration"] = "00:05:00",
        });
        var holder = cluster.Client.GetGrain<ILockProbeGrain>("holder");
        var firstToken = await holder.Hold("stock/sku-42", waitMs: 5000);
        var holderSilo = await holder.WhereAmI();
        var victim = cluster.Silos[int.Parse(holderSilo["silo-".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1];

        await using var services = database.BuildServices(s => s.AddClusterLocks());
        var store = services.GetRequiredService<IClusterLockStore>();
        var contender = new LockOwner("test-contender", "test-process");
        Assert.Null(await store.TryAcquireAsync("stock/sku-42", LockMode.Exclusive, contender, TimeSpan.FromSeconds(30)));

        victim.Kill();
        await cluster.WaitForDeadAsync(victim.Pid, TimeSpan.FromSeconds(20));
        var grant = await store.TryAcquireAsync("stock/sku-42", LockMode.Exclusive, contender, TimeSpan.FromSeconds(30));

        Assert.NotNull(grant);
        Assert.True(grant.FencingToken > firstToken);
    }

    [Fact]
    public async Task A_connection_without_the_cluster_secret_is_refused_by_a_silo()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, silos: 1);
        var silo = (await cluster.ReadMembershipAsync()).Single();
        var endPoint = Runtime.Membership.SiloAddress.Parse(silo.SiloId).EndPoint;

        var wrong = new TransportOptions { ClusterId = cluster.ClusterId, ClusterSecret = "not-the-secret-of-this-cluster" };
        await using var intruder = SiloTransport.CreateConnection(endPoint, wrong, NullLoggerFactory.Instance);
        var refused = await Assert.ThrowsAsync<TransportHandshakeException>(() => intruder.ConnectAsync().AsTask());
        Assert.Equal(HandshakeFailureReason.AuthenticationFailed, refused.Reason);

        var right = new TransportOptions { ClusterId = cluster.ClusterId, ClusterSecret = cluster.Secret };
        await using var member = SiloTransport.CreateConnection(endPoint, right, NullLoggerFactory.Instance);
        await member.ConnectAsync();
        Assert.True(member.IsConnected);
    }
}
