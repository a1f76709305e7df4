using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Applications.LeaveRequest;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Hosting;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Testing;
using OrleansPlatform.Workflows.Validation;

namespace OrleansPlatform.Workflows.Tests.Testing;

/// <summary>The test host an application's own test project gets from the OrleansPlatform.Workflows.Testing package.</summary>
public sealed class WorkflowTestHostTests
{
    [Fact]
    public async Task An_application_registered_by_the_test_runs_in_a_silo_on_sqlite_action_by_action()
    {
        string database;
        await using (var host = await WorkflowTestHost.StartAsync(services => services.AddWorkflowApplication(LeaveRequestApplication.Create("2.0"))))
        {
            // The newest version gets new sessions (the bundled 1.0 is registered too).
            var session = await host.StartSessionAsync(LeaveRequestApplication.Id);
            Assert.Equal(("form", "2.0"), (session.View.Step, session.Version));

            var refused = await Assert.ThrowsAsync<InvalidInputException>(() => session.ActAsync("submit", ("employee", "Ada"), ("from", "2026-07-01"), ("days", "31")));
            Assert.Equal("days", refused.Field);
            Assert.Equal("confirm", (await session.ActAsync("submit", ("employee", "Ada"), ("from", "2026-07-01"), ("days", "3"))).Step);
            Assert.Equal("done", (await session.ActAsync("confirm")).Step);
            await Assert.ThrowsAsync<InvalidActionException>(() => session.ActAsync("confirm"));
            var file = host.Services.GetRequiredService<IClusterDatabase>().ConnectionString["Data Source=".Length..];
            Assert.True(File.Exists(file));
            database = Path.GetDirectoryName(file)!;
        }

        Assert.False(Directory.Exists(database));
    }

    [Fact]
    public async Task A_definition_that_fails_validation_stops_the_start_with_its_problems()
    {
        var broken = new ApplicationDefinition("broken", "Broken", "1.0", [new InteractiveStep("form", [PortDefinition.Of("show")], "Form", _ => new { }, [ActionDefinition.Of("go", "went")])], [], "nowhere");

        var refused = await Assert.ThrowsAsync<InvalidWorkflowException>(() => WorkflowTestHost.StartAsync(services => services.AddWorkflowApplication(broken)));

        Assert.Contains("nowhere", refused.Message, StringComparison.Ordinal);
    }
}
