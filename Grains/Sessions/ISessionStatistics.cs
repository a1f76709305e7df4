namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// Session events (starts, fail-overs, time-outs, ends): counted on this silo at once, and written to the cluster
/// database behind the reply, in batches (the counters in <c>session_events</c>, the events in
/// <c>session_event_log</c>). A silo service; clients use <see cref="ISessionStatisticsGrain"/>.
/// </summary>
public interface ISessionStatistics
{
    /// <summary>Records one event of <paramref name="kind"/> (see <see cref="SessionEventKind"/>); never waits for the database.</summary>
    void Record(string kind, string sessionId, string applicationId);

    /// <summary>Writes the events recorded so far; completes when they are in the database.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the counters (cluster-wide, as written so far, and this silo's own).</summary>
    Task<SessionStatistics> ReadAsync(CancellationToken cancellationToken = default);
}
