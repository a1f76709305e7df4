namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// Session event counts: <paramref name="Cluster"/> as persisted in <c>session_events</c> (all silos),
/// <paramref name="Local"/> as counted by the silo that answered since it started.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("op.session-statistics")]
public sealed record SessionStatistics(
    [property: Id(0)] string SiloId,
    [property: Id(1)] IReadOnlyDictionary<string, long> Cluster,
    [property: Id(2)] IReadOnlyDictionary<string, long> Local);
