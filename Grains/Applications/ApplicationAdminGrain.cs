using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using OrleansPlatform.Grains.Broadcast;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Registry;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Applications;

/// <summary>See <see cref="IApplicationAdminGrain"/>: writes the state, then announces it to every silo (this one included) before answering.</summary>
[StatelessWorker]
[GrainType("op-application-admin")]
internal sealed class ApplicationAdminGrain(
    IApplicationRegistry registry,
    ApplicationStateStore store,
    ApplicationStatesService states,
    SiloBroadcaster broadcaster,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, IApplicationAdminGrain
{
    public async Task<IReadOnlyList<ApplicationOverview>> Overview()
    {
        var live = await store.LiveSessionsAsync(time.GetUtcNow(), CancellationToken.None);
        return registry.List().Select(app => Describe(app.Id, live)).ToList();
    }

    public Task<ApplicationOverview> Disable(string applicationId, bool graceful) =>
        ChangeAsync(applicationId, graceful ? ApplicationState.Draining : ApplicationState.Disabled);

    public Task<ApplicationOverview> Enable(string applicationId) => ChangeAsync(applicationId, ApplicationState.Enabled);

    private async Task<ApplicationOverview> ChangeAsync(string applicationId, ApplicationState state)
    {
        if (registry.FindLatest(applicationId) is null)
        {
            throw new ApplicationNotFoundException($"There is no application '{applicationId}'.");
        }

        await store.WriteAsync(applicationId, state, time.GetUtcNow(), CancellationToken.None);
        await broadcaster.PublishAsync(PlatformChangesGrain.Namespace, new PlatformChange(PlatformChangeKinds.ApplicationStates, applicationId), includeLocal: true, CancellationToken.None);
        await states.ReloadAsync(CancellationToken.None);
        var live = await store.LiveSessionsAsync(time.GetUtcNow(), CancellationToken.None);
        return Describe(applicationId, live);
    }

    private ApplicationOverview Describe(string applicationId, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> live)
    {
        var latest = registry.FindLatest(applicationId)!;
        return new ApplicationOverview(
            applicationId,
            latest.Title,
            registry.Versions(applicationId).Select(v => v.Version).ToList(),
            states.StateOf(applicationId),
            states.ChangedAt(applicationId),
            live.TryGetValue(applicationId, out var bySilo) ? bySilo : new Dictionary<string, int>());
    }
}
