namespace OrleansPlatform.Grains.Sessions;

/// <summary>A registered application version as the Gateway lists it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.application-info")]
public sealed record ApplicationInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Version,
    [property: Id(3)] bool Enabled);
