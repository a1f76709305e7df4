using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Testing;

namespace LeaveRequest.Tests;

/// <summary>The application in a platform silo in this process, on a throw-away SQLite database.</summary>
public sealed class LeaveRequestTests
{
    [Fact]
    public async Task A_request_goes_from_the_form_to_done()
    {
        await using var host = await WorkflowTestHost.StartAsync(services => services.AddLeaveRequest());
        var session = await host.StartSessionAsync(LeaveRequestApplication.Id);
        Assert.Equal(("form", LeaveRequestApplication.Version), (session.View.Step, session.Version));

        var done = await session.ActAsync("submit", ("employee", "Ada Lovelace"));

        Assert.Equal("done", done.Step);
        Assert.Equal("Ada Lovelace", done.Data.GetProperty("employee").GetString());
        Assert.Equal("form", (await session.ActAsync("new-request")).Step);
    }

    [Fact]
    public async Task A_request_without_an_employee_is_refused_naming_the_field()
    {
        await using var host = await WorkflowTestHost.StartAsync(services => services.AddLeaveRequest());
        var session = await host.StartSessionAsync(LeaveRequestApplication.Id);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => session.ActAsync("submit", ("employee", " ")));

        Assert.Equal("employee", refused.Field);
        Assert.Equal("form", session.View.Step);
    }
}
