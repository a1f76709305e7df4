using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.LeaveRequest;
using OrleansPlatform.Workflows.Model;
using static OrleansPlatform.Workflows.Tests.Sessions.SessionAssertions;

namespace OrleansPlatform.Workflows.Tests.Sessions;

/// <summary>The guide's leave-request, bundled: form, the rule "days 1..30", confirmation, done, and back.</summary>
public sealed class LeaveRequestSessionTests(TestDatabaseFixture databases) : IClassFixture<TestDatabaseFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_request_goes_from_the_form_through_the_confirmation_to_done_and_survives_a_new_activation(string provider)
    {
        var database = await databases.GetAsync(provider);
        var id = PlatformSilo.NewSessionId();
        await using (var silo = await PlatformSilo.StartAsync(database))
        {
            var session = silo.GrainFactory.GetGrain<ISessionGrain>(id);
            var form = await session.Start(LeaveRequestApplication.Id);
            Assert.Equal(("form", "Request leave", "1.0"), (form.View.Step, form.View.Title, form.Version));
            Assert.Equal(["employee", "from", "days", "reason"], form.View.Actions.Single().Inputs.Select(i => i.Name));
            Assert.Equal([true, true, true, false], form.View.Actions.Single().Inputs.Select(i => i.Required));

            var confirm = await session.Interact(Act("submit", 1, ("employee", "Ada Lovelace"), ("from", "2026-07-30"), ("days", "5"), ("reason", "Summer")));
            Assert.Equal(("confirm", "Confirm your request"), (confirm.View.Step, confirm.View.Title));
            Assert.Equal("2026-08-03", confirm.View.Data.GetProperty("to").GetString());
            Assert.Equal(["confirm", "change"], confirm.View.Actions.Select(a => a.Name));
        }

        // The position and the request are in the session record: a new silo continues at the confirmation.
        await using (var silo = await PlatformSilo.StartAsync(database))
        {
            var session = silo.GrainFactory.GetGrain<ISessionGrain>(id);
            var done = await session.Interact(Act("confirm", 2));
            Assert.Equal(("done", "Request sent"), (done.View.Step, done.View.Title));
            Assert.Equal(LeaveRequestApplication.Reference(id), done.View.Data.GetProperty("reference").GetString());
            Assert.Equal(("Ada Lovelace", "2026-07-30", "2026-08-03", 5L), (
                done.View.Data.GetProperty("employee").GetString(),
                done.View.Data.GetProperty("from").GetString(),
                done.View.Data.GetProperty("to").GetString(),
                done.View.Data.GetProperty("days").GetInt64()));
            Assert.Equal("form", (await session.Interact(Act("new-request", 3))).View.Step);
        }
    }

    [Fact]
    public async Task Days_outside_1_to_30_a_bad_date_or_no_employee_are_refused_naming_the_field_and_change_nothing()
    {
        var database = await databases.GetAsync(TestDatabases.Sqlite);
        await using var silo = await PlatformSilo.StartAsync(database);
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(PlatformSilo.NewSessionId());
        await session.Start(LeaveRequestApplication.Id);

        foreach (var (field, employee, from, days) in new[]
        {
            ("days", "Ada", "2026-07-01", "0"),
            ("days", "Ada", "2026-07-01", "31"),
            ("from", "Ada", "1 July", "3"),
            ("employee", " ", "2026-07-01", "3"),
        })
        {
            var refused = await Assert.ThrowsAsync<InvalidInputException>(() => session.Interact(Act("submit", 1, ("employee", employee), ("from", from), ("days", days))));
            Assert.Equal(field, refused.Field);
            Assert.Equal("form", (await session.GetView()).View.Step);
        }

        // Both ends of the rule are allowed; the optional reason may be left out.
        var thirty = await session.Interact(Act("submit", 1, ("employee", "Ada"), ("from", "2026-02-01"), ("days", "30")));
        Assert.Equal(("confirm", "2026-03-02"), (thirty.View.Step, thirty.View.Data.GetProperty("to").GetString()));
        Assert.Equal("form", (await session.Interact(Act("change", 2))).View.Step);
        var one = await session.Interact(Act("submit", 3, ("employee", "Ada"), ("from", "2026-02-01"), ("days", "1")));
        Assert.Equal(("confirm", "2026-02-01"), (one.View.Step, one.View.Data.GetProperty("to").GetString()));
    }
}
