using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Agent.Nodes;
using OrleansPlatform.Agent.Resources;
using OrleansPlatform.Agent.Supervision;
using OrleansPlatform.Workflows.Locks;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Agent.Groups;

/// <summary>
/// The groups this node runs: the bootstrap group first (before the database, see <see cref="AgentOptions.BootstrapGroup"/>),
/// then every other group pinned here or anywhere; failover groups through their <see cref="FailoverCoordinator"/>.
/// On shutdown: failover groups first (their locks released), then the others, the bootstrap group last (after the
/// heartbeat and the transition recorder have stopped: see <see cref="StopBootstrapAsync"/>).
/// </summary>
internal sealed class GroupManager : BackgroundService
{
    private readonly AgentTopology topology;
    private readonly Dictionary<string, GroupRunner> runners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FailoverCoordinator> coordinators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceSupervisor> resources = new(StringComparer.Ordinal);
    private readonly ILogger<GroupManager> logger;
    private readonly TimeSpan startTimeout;

    public GroupManager(
        AgentTopology topology,
        IResourcePluginCatalog plugins,
        IOptions<SupervisionOptions> supervision,
        IOptions<FailoverOptions> failover,
        IOptions<HeartbeatOptions> heartbeat,
        IServiceProvider services,
        [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
        ITransitionRecorder recorder,
        ILoggerFactory loggers)
    {
        this.topology = topology;
        logger = loggers.CreateLogger<GroupManager>();
        startTimeout = supervision.Value.StartTimeout;
        var supervisorLogger = loggers.CreateLogger("OrleansPlatform.Agent.Supervision");
        foreach (var group in topology.Local)
        {
            var supervisors = group.Resources
                .Select(r => new ResourceSupervisor(r, plugins.Find(r.Type)!, supervision.Value, topology.NodeId, time, recorder, supervisorLogger))
                .ToList();
            foreach (var supervisor in supervisors)
            {
                resources[supervisor.Spec.Id] = supervisor;
            }

            var runner = new GroupRunner(group, supervisors);
            runners[group.Id] = runner;
            if (group.Failover)
            {
                coordinators[group.Id] = new FailoverCoordinator(
                    runner,
                    services.GetRequiredService<IClusterLockStore>(),
                    services.GetRequiredService<IGroupPlacementStore>(),
                    services.GetRequiredService<INodeRegistry>(),
                    failover.Value,
                    heartbeat.Value,
                    topology.NodeId,
                    time,
                    loggers.CreateLogger("OrleansPlatform.Agent.Failover"));
            }
        }
    }

    /// <summary>Every group of the configuration (pinned here or not).</summary>
    public AgentTopology Topology => topology;

    /// <summary>The runners of the groups this node may run.</summary>
    public IReadOnlyDictionary<string, GroupRunner> Runners => runners;

    /// <summary>Every resource this node may run, by id.</summary>
    public IReadOnlyDictionary<string, ResourceSupervisor> Resources => resources;

    /// <summary>The permit of a failover group's resources, or null for other groups.</summary>
    public IRunPermit? PermitOf(string groupId) => coordinators.GetValueOrDefault(groupId);

    /// <summary>Starts the bootstrap group and waits until it is healthy (at most the start timeout).</summary>
    public async Task StartBootstrapAsync(CancellationToken cancellationToken)
    {
        if (topology.BootstrapGroup is not { } id || !runners.TryGetValue(id, out var runner))
        {
            return;
        }

        GroupLog.Starting(logger, id, runner.Spec.ResourceList);
        runner.Start(AlwaysPermitted.Instance);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(startTimeout);
        await runner.WaitUntilHealthyAsync(bounded.Token);
        GroupLog.BootstrapHealthy(logger, id);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The coordinators end with ExecuteAsync: they stop their groups and release their locks.
        await base.StopAsync(cancellationToken);
        var others = runners.Values.Where(r => !r.Spec.Failover && r.Spec.Id != topology.BootstrapGroup).ToList();
        foreach (var runner in others)
        {
            GroupLog.Stopping(logger, runner.Spec.Id, "the agent is stopping");
        }

        await Task.WhenAll(others.Select(r => r.StopAsync("the agent is stopping")));
    }

    /// <summary>
    /// Stops the bootstrap group (the cluster database): called by <see cref="Hosting.BootstrapGroupService"/>, which the
    /// host stops last, after the heartbeat and the transition recorder, so nothing writes to a database that is gone.
    /// </summary>
    public async Task StopBootstrapAsync()
    {
        if (topology.BootstrapGroup is { } bootstrap && runners.TryGetValue(bootstrap, out var last))
        {
            GroupLog.Stopping(logger, bootstrap, "the agent is stopping");
            await last.StopAsync("the agent is stopping");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var runner in runners.Values.Where(r => !r.Spec.Failover && r.Spec.Id != topology.BootstrapGroup))
        {
            GroupLog.Starting(logger, runner.Spec.Id, runner.Spec.ResourceList);
            runner.Start(AlwaysPermitted.Instance);
        }

        await Task.WhenAll(coordinators.Values.Select(c => c.RunAsync(stoppingToken)));
    }
}
