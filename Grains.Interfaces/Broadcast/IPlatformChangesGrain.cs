namespace OrleansPlatform.Grains.Broadcast;

/// <summary>One per silo (key: the silo's address; placed on that silo): receives <see cref="PlatformChange"/>s on the broadcast channel.</summary>
[Alias("op.platform-changes-grain")]
public interface IPlatformChangesGrain : IGrainWithStringKey
{
}
