namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// Session event counts: <paramref name="Cluster"/> as persisted in <c>session_events</c> (all silos),
/// <paramref name="Local"/> as counted by the silo that answered since it started.
/// </summary>
public sealed record SessionStatistics(string SiloId, IReadOnlyDictionary<string, long> Cluster, IReadOnlyDictionary<string, long> Local);
