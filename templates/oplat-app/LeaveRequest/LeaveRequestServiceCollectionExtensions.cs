using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Hosting;

namespace LeaveRequest;

/// <summary>Registers the application with a silo (or with the test host).</summary>
public static class LeaveRequestServiceCollectionExtensions
{
    /// <summary>Adds the leave-request application (and any service its steps need).</summary>
    public static IServiceCollection AddLeaveRequest(this IServiceCollection services) =>
        services.AddWorkflowApplication(LeaveRequestApplication.Create());
}
