namespace OrleansPlatform.Grains.Sessions;

/// <summary>A registered application version as the Gateway lists it.</summary>
public sealed record ApplicationInfo(string Id, string Title, string Version, bool Enabled);
