namespace OrleansPlatform.Gateway.Admin.Sessions;

/// <summary>The sessions for operators.</summary>
/// <param name="ByApplication">Live sessions per application.</param>
/// <param name="BySilo">Live sessions per silo that last served them.</param>
/// <param name="ByStatus">Stored session records per status: <c>live</c>, <c>expired</c> (not yet cleaned up), <c>ended</c>.</param>
/// <param name="Events">Session events since the cluster's database was created, per kind (<c>started</c>, <c>fail-over</c>, <c>time-out</c>, <c>ended</c>).</param>
/// <param name="Timeline">Fail-overs, time-outs and starts per minute over the last 30 minutes, oldest first.</param>
/// <param name="Recent">The last 100 session events, newest first.</param>
/// <param name="SiloLabels">The label (<c>name (host:port)</c>) of every silo id in <paramref name="BySilo"/> and <paramref name="Recent"/>.</param>
public sealed record SessionsOverview(
    IReadOnlyDictionary<string, int> ByApplication,
    IReadOnlyDictionary<string, int> BySilo,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, long> Events,
    IReadOnlyList<SessionMinute> Timeline,
    IReadOnlyList<SessionEventEntry> Recent,
    IReadOnlyDictionary<string, string> SiloLabels);
