using Orleans.Concurrency;

namespace OrleansPlatform.Grains.Broadcast;

/// <summary>See <see cref="ISettingsAdminGrain"/>.</summary>
[StatelessWorker]
[GrainType("op-settings-admin")]
internal sealed class SettingsAdminGrain(SiloBroadcaster broadcaster) : Grain, ISettingsAdminGrain
{
    public Task Changed() =>
        broadcaster.PublishAsync(PlatformChangesGrain.Namespace, new PlatformChange(PlatformChangeKinds.Settings, null), includeLocal: true, CancellationToken.None);
}
