using OrleansPlatform.Grains.Broadcast;

namespace OrleansPlatform.Silo.Hosting.Settings;

/// <summary>On a silo: reloads the stored settings as soon as a change is announced on the broadcast channel.</summary>
internal sealed class SettingsChangeHandler(PlatformSettingsLayer layer) : IPlatformChangeHandler
{
    public string Kind => PlatformChangeKinds.Settings;

    public Task ApplyAsync(PlatformChange change, CancellationToken cancellationToken)
    {
        layer.Reload();
        return Task.CompletedTask;
    }
}
