using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Grains.Diagnostics;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Integration.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class PlacementAndLockTests
{
    [Fact]
    public async Task A_lock_held_by_a_grain_of_a_killed_silo_is_free_once_that_silo_is_declared_dead()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 2, new Dictionary<string, string>
        {
            // A lease far longer than the test: only the death declaration can free the lock.
            ["ClusterLocks__LeaseDuration"] = "00:05:00",
        });
        var holder = cluster.Client.GetGrain<ILockProbeGrain>("holder");
        var firstToken = await holder.Hold("stock/sku-42", waitMs: 5000);
        var victim = await cluster.ProcessOfAsync(await holder.WhereAmI());

        await using var services = database.BuildServices(s => s.AddClusterLocks());
        var store = services.GetRequiredService<IClusterLockStore>();
        var contender = new LockOwner("test-contender", "127.0.0.1:1@1");
        Assert.Null(await store.TryAcquireAsync("stock/sku-42", LockMode.Exclusive, contender, TimeSpan.FromSeconds(30)));

        victim.Kill();
        await cluster.WaitForDeadAsync(victim.Pid, TimeSpan.FromSeconds(20));
        var grant = await store.TryAcquireAsync("stock/sku-42", LockMode.Exclusive, contender, TimeSpan.FromSeconds(30));

        Assert.NotNull(grant);
        Assert.True(grant.FencingToken > firstToken);
    }

    [Fact]
    public async Task Without_the_cluster_secret_a_client_cannot_call_and_a_silo_cannot_join()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 1);
        var wrong = new Dictionary<string, string>(cluster.Settings) { ["Transport__ClusterSecret"] = "not-the-secret-of-this-cluster" };

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var intruder = await SiloCluster.StartClientAsync(wrong).WaitAsync(timeout.Token);
        });

        var outsider = cluster.StartSilo(new Dictionary<string, string> { ["Transport__ClusterSecret"] = "not-the-secret-of-this-cluster" });
        await Task.Delay(TimeSpan.FromSeconds(12));
        Assert.DoesNotContain(await cluster.ReadMembershipAsync(), m => m.Pid == outsider.Pid && m.Status == SiloStatus.Active);
        Assert.Equal(1, (await cluster.ReadMembershipAsync()).Count(m => m.Status == SiloStatus.Active));
        Assert.Contains(cluster.Silos[0].OutputLines, line => line.Contains("did not prove the cluster secret", StringComparison.Ordinal));

        // The cluster itself is unharmed.
        Assert.Equal(1, (await cluster.Client.GetGrain<ICounterGrain>("still-serving").Add(1)).Value);
    }
}
