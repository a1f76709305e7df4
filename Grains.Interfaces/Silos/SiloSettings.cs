namespace OrleansPlatform.Grains.Silos;

/// <summary>One silo's managed settings in force (key → canonical value) and their digest.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.silo-settings")]
public sealed record SiloSettings([property: Id(0)] IReadOnlyDictionary<string, string> Effective, [property: Id(1)] string Digest);
