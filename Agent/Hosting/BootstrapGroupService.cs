using Microsoft.Extensions.Hosting;
using OrleansPlatform.Agent.Groups;

namespace OrleansPlatform.Agent.Hosting;

/// <summary>Starts the bootstrap group (the one that runs the cluster database) before anything connects to the database.</summary>
internal sealed class BootstrapGroupService(GroupManager groups) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => groups.StartBootstrapAsync(cancellationToken);

    // Registered first, so the host stops it last: after the groups, the heartbeat and the transition recorder, which
    // all use the database this group runs.
    public Task StopAsync(CancellationToken cancellationToken) => groups.StopBootstrapAsync();
}
