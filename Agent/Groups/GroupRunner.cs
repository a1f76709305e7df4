using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Agent.Supervision;

namespace OrleansPlatform.Agent.Groups;

/// <summary>
/// Runs one group's resources on this node: each starts once the resources it depends on are healthy (so the group
/// comes up in its listed order), and the group stops in reverse: resources nothing depends on first, then the ones
/// they depended on, each level in parallel.
/// </summary>
internal sealed class GroupRunner(GroupSpec spec, IReadOnlyList<ResourceSupervisor> supervisors)
{
    private readonly Dictionary<string, ResourceSupervisor> byId = supervisors.ToDictionary(s => s.Spec.Id, StringComparer.Ordinal);
    private readonly object gate = new();
    private CancellationTokenSource? starting;
    private Task startup = Task.CompletedTask;

    public GroupSpec Spec => spec;

    /// <summary>The group's supervisors in start order.</summary>
    public IReadOnlyList<ResourceSupervisor> Supervisors => supervisors;

    /// <summary>True from <see cref="Start"/> until <see cref="StopAsync"/>.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Starts every resource after its dependencies, under <paramref name="permit"/>; returns at once.</summary>
    public void Start(IRunPermit permit)
    {
        lock (gate)
        {
            starting?.Cancel();
            starting?.Dispose();
            starting = new CancellationTokenSource();
            IsActive = true;
            var token = starting.Token;
            foreach (var supervisor in supervisors)
            {
                supervisor.Permit = permit;
            }

            startup = Task.WhenAll(supervisors.Select(s => StartAfterDependenciesAsync(s, token)));
        }
    }

    /// <summary>Waits until every resource of the group is healthy.</summary>
    public Task WaitUntilHealthyAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(supervisors.Select(s => s.WaitUntilAsync(status => status.State == ResourceState.Healthy, cancellationToken)));

    /// <summary>Stops the group in reverse dependency order (at once with <paramref name="kill"/>) and waits until all is down.</summary>
    public async Task StopAsync(string reason, bool kill = false)
    {
        Task pending;
        lock (gate)
        {
            IsActive = false;
            starting?.Cancel();
            pending = startup;
        }

        await pending.ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var level in Levels().OrderByDescending(l => l.Key))
        {
            await Task.WhenAll(level.Select(s => s.StopAsync(reason, kill)));
        }
    }

    /// <summary>Resources grouped by depth: 0 for those without dependencies, else one more than their deepest dependency.</summary>
    private IEnumerable<IGrouping<int, ResourceSupervisor>> Levels()
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var supervisor in supervisors)
        {
            // Dependencies are always listed earlier (validated), so their depth is known.
            depth[supervisor.Spec.Id] = supervisor.Spec.DependsOn.Select(d => depth[d] + 1).DefaultIfEmpty(0).Max();
        }

        return supervisors.GroupBy(s => depth[s.Spec.Id]);
    }

    private async Task StartAfterDependenciesAsync(ResourceSupervisor supervisor, CancellationToken cancellationToken)
    {
        try
        {
            var dependencies = supervisor.Spec.DependsOn.Select(d => byId[d]).ToList();
            if (dependencies.Count > 0)
            {
                supervisor.MarkWaiting("waiting for " + string.Join(", ", supervisor.Spec.DependsOn));
                await Task.WhenAll(dependencies.Select(d => d.WaitUntilAsync(s => s.State == ResourceState.Healthy, cancellationToken)));
            }

            await supervisor.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The group was stopped before this resource's turn came.
        }
    }
}
