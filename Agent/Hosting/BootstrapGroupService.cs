using Microsoft.Extensions.Hosting;
using OrleansPlatform.Agent.Groups;

namespace OrleansPlatform.Agent.Hosting;

/// <summary>Starts the bootstrap group (the one that runs the cluster database) before anything connects to the database.</summary>
internal sealed class BootstrapGroupService(GroupManager groups) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => groups.StartBootstrapAsync(cancellationToken);

    // The group manager stops the bootstrap group last, after everything that used the database.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
