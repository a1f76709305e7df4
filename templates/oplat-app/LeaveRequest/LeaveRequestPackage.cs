using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Hosting;

namespace LeaveRequest;

/// <summary>
/// The package's entry point: a silo that loads this project's build or publish folder (configuration
/// <c>Applications:Packages</c>) creates it and calls <see cref="ConfigureServices"/>.
/// </summary>
public sealed class LeaveRequestPackage : IApplicationPackage
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services) => services.AddLeaveRequest();
}
