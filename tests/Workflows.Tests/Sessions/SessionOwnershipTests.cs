using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.OrderEntry;
using OrleansPlatform.Workflows.Hosting;
using OrleansPlatform.Workflows.Model;
using static OrleansPlatform.Workflows.Tests.Sessions.SessionAssertions;

namespace OrleansPlatform.Workflows.Tests.Sessions;

/// <summary>
/// A session belongs to the signed-in user who started it (the owner is in its record, so it survives a new
/// activation): another user is told it does not exist, an anonymous caller must sign in; an application's access
/// (signed-in, roles) is checked at start and on every call.
/// </summary>
public sealed class SessionOwnershipTests(TestDatabaseFixture databases) : IClassFixture<TestDatabaseFixture>
{
    private static readonly SessionCaller Alice = new("alice", []);
    private static readonly SessionCaller Bob = new("bob", []);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Only_the_owner_uses_a_session_and_the_owner_is_kept_in_the_record_across_activations(string provider)
    {
        var database = await databases.GetAsync(provider);
        var id = PlatformSilo.NewSessionId();
        await using (var first = await PlatformSilo.StartAsync(database))
        {
            var session = first.GrainFactory.GetGrain<ISessionGrain>(id);
            await Assert.ThrowsAsync<SignInRequiredException>(() => session.Start(OrderEntryApplication.Id));
            using (Alice.Enter())
            {
                await session.Start(OrderEntryApplication.Id);
                await session.Interact(Act("add", 1, ("productId", "1"), ("quantity", "2")));
            }

            Assert.Contains("\"o\":\"alice\"", await ReadRecordAsync(first.Services, id), StringComparison.Ordinal);
        }

        await using var second = await PlatformSilo.StartAsync(database);
        var again = second.GrainFactory.GetGrain<ISessionGrain>(id);
        using (Bob.Enter())
        {
            await Assert.ThrowsAsync<SessionNotFoundException>(() => again.GetView());
            await Assert.ThrowsAsync<SessionNotFoundException>(() => again.Interact(Act("review", 2)));
            await Assert.ThrowsAsync<SessionNotFoundException>(() => again.End());
        }

        await Assert.ThrowsAsync<SignInRequiredException>(() => again.GetView());
        await Assert.ThrowsAsync<SignInRequiredException>(() => again.Interact(Act("review", 2)));
        using (Alice.Enter())
        {
            var review = await again.Interact(Act("review", 2));
            Assert.Equal(("review", 2L), (review.View.Step, review.Seq));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_application_with_roles_refuses_a_user_without_them_and_an_anonymous_session_stays_open_to_anyone(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database, configureServices: services => services.AddWorkflowApplication(StaffOnly()));
        using (Alice.Enter())
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId()).Start("staff-only"));
        }

        await Assert.ThrowsAsync<SignInRequiredException>(() => silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId()).Start("staff-only"));
        using (new SessionCaller("carol", ["staff"]).Enter())
        {
            Assert.Equal("hello", (await silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId()).Start("staff-only")).View.Step);
        }

        // An anonymous session (catalog-search needs no sign-in) has no owner: anyone holding its id uses it.
        var open = silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId());
        await open.Start("catalog-search");
        using (Bob.Enter())
        {
            Assert.Equal(0, (await open.GetView()).Seq);
        }
    }

    private static ApplicationDefinition StaffOnly() => new(
        "staff-only",
        "Staff only",
        "1.0",
        [new InteractiveStep("hello", [PortDefinition.Of("show")], "Hello", _ => new { }, [ActionDefinition.Of("again", "again")])],
        [Connection.Of("hello", "again", "hello", "show")],
        "hello")
    {
        Access = ApplicationAccess.SignedInWithRoles("staff"),
    };
}
