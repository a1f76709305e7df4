namespace OrleansPlatform.Grains.Broadcast;

/// <summary>Announces a change of the stored settings to every silo (any key; a stateless worker).</summary>
[Alias("op.settings-admin")]
public interface ISettingsAdminGrain : IGrainWithStringKey
{
    /// <summary>Every silo reloads its settings layer before this returns.</summary>
    [Alias("changed")]
    Task Changed();
}
