using OrleansPlatform.Grains.Applications;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Grains.Tests.Applications;

/// <summary>Application states on in-process silos: stored, in force at once, kept over a restart, and drains that end by themselves.</summary>
public sealed class ApplicationStatesTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_disabled_application_stays_disabled_after_the_whole_cluster_restarts(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using (var silo = await PlatformSilo.StartAsync(database))
        {
            var disabled = await silo.GrainFactory.GetGrain<IApplicationAdminGrain>("admin").Disable("catalog-search", graceful: false);
            Assert.Equal(ApplicationState.Disabled, disabled.State);
            await Assert.ThrowsAsync<ApplicationDisabledException>(() => NewSession(silo).Start("catalog-search"));
        }

        await using var restarted = await PlatformSilo.StartAsync(database);
        var error = await Assert.ThrowsAsync<ApplicationDisabledException>(() => NewSession(restarted).Start("catalog-search"));
        Assert.Equal("catalog-search", error.ApplicationId);
        var overview = await restarted.GrainFactory.GetGrain<IApplicationAdminGrain>("admin").Overview();
        Assert.Equal(ApplicationState.Disabled, overview.Single(a => a.Id == "catalog-search").State);
        Assert.Equal(ApplicationState.Enabled, overview.Single(a => a.Id == "order-entry").State);
        using (new SessionCaller("buyer", []).Enter())
        {
            // order-entry needs a signed-in user (the Gateway names the caller of each session call).
            Assert.NotNull(await NewSession(restarted).Start("order-entry"));
        }

        await restarted.GrainFactory.GetGrain<IApplicationAdminGrain>("admin").Enable("catalog-search");
        Assert.NotNull(await NewSession(restarted).Start("catalog-search"));
    }

    [Fact]
    public async Task A_draining_application_becomes_disabled_when_its_last_session_expires()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await PlatformSilo.StartAsync(database, new Dictionary<string, string?> { ["Sessions:IdleTimeout"] = "00:05:00" }, fakeClock: true);
        var clock = silo.Clock!;
        var admin = silo.GrainFactory.GetGrain<IApplicationAdminGrain>("admin");
        var session = NewSession(silo);
        await session.Start("catalog-search");

        var draining = await admin.Disable("catalog-search", graceful: true);
        Assert.Equal((ApplicationState.Draining, 1), (draining.State, draining.LiveSessions));
        await Assert.ThrowsAsync<ApplicationDisabledException>(() => NewSession(silo).Start("catalog-search"));

        // The running session goes on while it lives, and the drain waits for it.
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(SessionStatus.Active, (await session.GetView()).Status);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(ApplicationState.Draining, await StateAsync(admin));

        // Idle past its timeout it no longer counts; the next periodic pass ends the drain.
        clock.Advance(TimeSpan.FromMinutes(6));
        var disabled = await Eventually.ReturnsAsync(
            async () =>
            {
                clock.Advance(TimeSpan.FromSeconds(3));
                return await StateAsync(admin);
            },
            state => state == ApplicationState.Disabled,
            TimeSpan.FromSeconds(20));
        Assert.Equal(ApplicationState.Disabled, disabled);
    }

    private static ISessionGrain NewSession(PlatformSilo silo) => silo.GrainFactory.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N"));

    private static async Task<ApplicationState> StateAsync(IApplicationAdminGrain admin) =>
        (await admin.Overview()).Single(a => a.Id == "catalog-search").State;
}
