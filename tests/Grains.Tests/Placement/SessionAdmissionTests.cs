using OrleansPlatform.Grains.Placement;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.CatalogSearch;

namespace OrleansPlatform.Grains.Tests.Placement;

/// <summary>Session placement through the admission, on three in-process silos with a capacity of 10 each.</summary>
public sealed class SessionAdmissionTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Capacity_10_on_3_silos_places_30_sessions_10_10_10_then_waiters_get_in_first_come_first_served()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var cluster = await PlatformTestCluster.StartAsync(database, 3, new Dictionary<string, string?>
        {
            ["Placement:Capacity"] = "10",
            ["Placement:WaitTimeout"] = "00:01:00",
        });
        var grains = cluster.GrainFactory(0);
        var admission = grains.GetGrain<ISessionAdmissionGrain>(ISessionAdmissionGrain.Key);
        await WaitForCapacityOfAsync(admission, silos: 3);

        var sessions = Enumerable.Range(0, 30).Select(_ => grains.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId())).ToList();
        foreach (var session in sessions)
        {
            await session.Start(CatalogSearchApplication.Id);
        }

        var full = await admission.Snapshot();
        Assert.Equal([10, 10, 10], full.Silos.Select(s => s.Live).OrderBy(n => n));
        Assert.All(full.Silos, s => Assert.Equal(10, s.Capacity));

        // Every silo is full: the 31st and then the 32nd wait, in that order.
        var thirtyFirst = grains.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId()).Start(CatalogSearchApplication.Id);
        await Eventually.ReturnsAsync(() => admission.Snapshot(), s => s.Waiting == 1, Generous);
        var thirtySecond = grains.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId()).Start(CatalogSearchApplication.Id);
        await Eventually.ReturnsAsync(() => admission.Snapshot(), s => s.Waiting == 2, Generous);
        Assert.False(thirtyFirst.IsCompleted);
        Assert.False(thirtySecond.IsCompleted);

        // One session ends: its slot goes to the first in line, not the second.
        await sessions[0].End();
        var admitted = await thirtyFirst.WaitAsync(Generous);
        Assert.Equal(("search", SessionStatus.Active), (admitted.View.Step, admitted.Status));
        Assert.False(thirtySecond.IsCompleted);
        Assert.Equal(1, (await admission.Snapshot()).Waiting);

        await sessions[1].End();
        Assert.Equal("search", (await thirtySecond.WaitAsync(Generous)).View.Step);
        var after = await admission.Snapshot();
        Assert.Equal(0, after.Waiting);
        Assert.Equal(30, after.Silos.Sum(s => s.Live + s.Reserved));
        Assert.All(after.Silos, s => Assert.True(s.Live + s.Reserved <= 10, $"{s.Silo} holds {s.Live + s.Reserved} sessions"));
    }

    [Fact]
    public async Task A_session_that_finds_every_silo_full_past_the_wait_is_refused_typed_with_a_retry_hint()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var cluster = await PlatformTestCluster.StartAsync(database, 2, new Dictionary<string, string?>
        {
            ["Placement:Capacity"] = "2",
            ["Placement:WaitTimeout"] = "00:00:01",
        });
        var grains = cluster.GrainFactory(1);
        var admission = grains.GetGrain<ISessionAdmissionGrain>(ISessionAdmissionGrain.Key);
        await WaitForCapacityOfAsync(admission, silos: 2);
        for (var i = 0; i < 4; i++)
        {
            await grains.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId()).Start(CatalogSearchApplication.Id);
        }

        var refused = await Assert.ThrowsAsync<ClusterBusyException>(() => grains.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId()).Start(CatalogSearchApplication.Id));

        Assert.Contains("capacity", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.RetryAfter >= TimeSpan.FromSeconds(1));
        Assert.Equal([2, 2], (await admission.Snapshot()).Silos.Select(s => s.Live + s.Reserved));
    }

    [Fact]
    public async Task Weights_share_sessions_in_proportion()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var cluster = await PlatformTestCluster.StartAsync(database, 2, perSilo: index => new Dictionary<string, string?>
        {
            ["Placement:Weight"] = index == 0 ? "3" : "1",
            ["Placement:AffinityTolerance"] = "0",
        });
        var grains = cluster.GrainFactory(0);
        var admission = grains.GetGrain<ISessionAdmissionGrain>(ISessionAdmissionGrain.Key);
        await WaitForCapacityOfAsync(admission, silos: 2);
        for (var i = 0; i < 20; i++)
        {
            await grains.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId()).Start(CatalogSearchApplication.Id);
        }

        var loads = (await admission.Snapshot()).Silos.ToDictionary(s => s.Weight, s => s.Live + s.Reserved);
        Assert.Equal((15, 5), (loads[3], loads[1]));
    }

    [Fact]
    public async Task New_sessions_stay_on_the_silo_their_first_request_reached_while_its_load_is_within_the_tolerance()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var cluster = await PlatformTestCluster.StartAsync(database, 2, settings: new Dictionary<string, string?> { ["Placement:AffinityTolerance"] = "0.5" });
        var admission = cluster.GrainFactory(0).GetGrain<ISessionAdmissionGrain>(ISessionAdmissionGrain.Key);
        await WaitForCapacityOfAsync(admission, silos: 2);

        // Started from silo 1: placement runs there, as it runs on the gateway silo of a client's call.
        var through = cluster.Silos[1].SiloAddress;
        for (var i = 0; i < 40; i++)
        {
            await cluster.GrainFactory(1).GetGrain<ISessionGrain>(PlatformSilo.NewSessionId()).Start(CatalogSearchApplication.Id);
        }

        var loads = (await admission.Snapshot()).Silos.ToDictionary(s => s.Silo, s => s.Live + s.Reserved);
        var (local, other) = (loads[through], loads.Single(kv => !kv.Key.Equals(through)).Value);
        Assert.Equal(40, local + other);
        Assert.True(local > other + 5, $"{local} on the silo the sessions arrived at, {other} on the other");
        Assert.True(local + 1 <= 1.5 * (other + 1) + 1, $"{local} against {other} is beyond the tolerance");
    }

    // Each silo tells its capacity through silo metadata, which reaches the admission's silo shortly after the join.
    private static Task WaitForCapacityOfAsync(ISessionAdmissionGrain admission, int silos) =>
        Eventually.ReturnsAsync(() => admission.Snapshot(), s => s.Silos.Count(silo => silo.Offered) == silos, Generous);
}
