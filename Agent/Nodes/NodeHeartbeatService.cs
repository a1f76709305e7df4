using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Agent.Nodes;

/// <summary>
/// Registers this node, heartbeats every <see cref="HeartbeatOptions.Interval"/>, and with each heartbeat marks the nodes
/// whose heartbeat lapsed as down (every agent does, so one live agent is enough). A failed heartbeat is retried at the
/// next beat; a node that cannot reach the database is marked down by the others, which is the point.
/// </summary>
internal sealed class NodeHeartbeatService(
    INodeRegistry registry,
    IOptions<AgentOptions> agent,
    IOptions<AgentApiOptions> api,
    IOptions<HeartbeatOptions> heartbeat,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<NodeHeartbeatService> logger) : BackgroundService
{
    private readonly string nodeId = agent.Value.NodeId;

    /// <summary>This node's row as it registers it.</summary>
    public NodeRecord Self { get; } = new(
        agent.Value.NodeId,
        agent.Value.Host,
        api.Value.AdvertisedUrl ?? api.Value.Url,
        NodeStatuses.Up,
        typeof(NodeHeartbeatService).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        Environment.ProcessId,
        0,
        0,
        0);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(5));
            await registry.MarkStoppedAsync(nodeId, bounded.Token);
            NodeLog.Stopped(logger, nodeId);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The others mark it down once its heartbeat lapses.
            NodeLog.HeartbeatFailed(logger, exception, nodeId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registered = false;
        var settings = heartbeat.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!registered || !await registry.HeartbeatAsync(nodeId, stoppingToken))
                {
                    await registry.RegisterAsync(Self, stoppingToken);
                    if (!registered)
                    {
                        NodeLog.Registered(logger, nodeId, Self.AgentUrl);
                    }

                    registered = true;
                }

                foreach (var down in await registry.MarkLapsedDownAsync(settings.NodeDownAfter, stoppingToken))
                {
                    NodeLog.MarkedDown(logger, down, settings.NodeDownAfter);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                NodeLog.HeartbeatFailed(logger, exception, nodeId);
            }

            try
            {
                await Task.Delay(settings.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
