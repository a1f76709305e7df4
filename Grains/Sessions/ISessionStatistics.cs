namespace OrleansPlatform.Grains.Sessions;

/// <summary>Session counters (fail-overs, time-outs, starts, ends): a silo service; clients use <see cref="ISessionStatisticsGrain"/>.</summary>
public interface ISessionStatistics
{
    /// <summary>Adds one to <paramref name="kind"/> (see <see cref="SessionEventKind"/>), locally and in the database.</summary>
    Task IncrementAsync(string kind, CancellationToken cancellationToken = default);

    /// <summary>Reads the counters.</summary>
    Task<SessionStatistics> ReadAsync(CancellationToken cancellationToken = default);
}
