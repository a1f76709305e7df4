using Microsoft.Extensions.Hosting;
using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Workflows.Hosting;

/// <summary>Builds the application registry at silo start, so an invalid application stops start-up with every problem listed.</summary>
internal sealed class ApplicationRegistryStartup(IApplicationRegistry registry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = registry.List();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
