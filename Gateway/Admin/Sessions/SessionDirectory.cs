using Dapper;
using OrleansPlatform.Gateway.Admin.Silos;
using OrleansPlatform.Grains.Applications;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Time;
using OrleansPlatform.Grains.Silos;

namespace OrleansPlatform.Gateway.Admin.Sessions;

/// <summary>The sessions for the admin console and API: counts from the stored records, the event counters and the event log.</summary>
public sealed class SessionDirectory(IGrainFactory grains, IClusterDatabase database, SiloDirectory silos, [FromKeyedServices(PlatformClock.Key)] TimeProvider time)
{
    private const int TimelineMinutes = 30;
    private const int RecentEvents = 100;
    private static readonly string[] Statuses = ["live", "expired", "ended"];
    private static readonly string[] EventKinds = [SessionEventKind.Started, SessionEventKind.FailOver, SessionEventKind.TimeOut, SessionEventKind.Ended];

    /// <summary>Reads the counts, the timeline and the last events.</summary>
    public async Task<SessionsOverview> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var applications = await grains.GetGrain<IApplicationAdminGrain>("admin").Overview();
        var bySilo = applications.SelectMany(a => a.LiveSessionsBySilo).GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var statuses = await connection.QueryAsync<(string Status, long Sessions)>(new CommandDefinition(
            SessionRecordQueries.CountByStatus, new { NowMs = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        var events = await connection.QueryAsync<(string Kind, long Count)>(new CommandDefinition(
            "SELECT kind, count FROM session_events", cancellationToken: cancellationToken));
        var since = now - TimeSpan.FromMinutes(TimelineMinutes);
        var log = (await connection.QueryAsync<(string At, string Kind, string SessionId, string App, string Silo)>(new CommandDefinition(
            "SELECT CAST(at AS text), kind, session_id, app, silo FROM session_event_log WHERE at >= @Since ORDER BY id DESC LIMIT 20000",
            new { Since = since },
            cancellationToken: cancellationToken)))
            .Select(e => (At: DatabaseTimestamps.Parse(e.At), e.Kind, e.SessionId, e.App, e.Silo))
            .ToList();
        var recent = await ReadRecentAsync(connection, cancellationToken);
        var names = await silos.NamesAsync(cancellationToken);

        return new SessionsOverview(
            applications.ToDictionary(a => a.Id, a => a.LiveSessions, StringComparer.Ordinal),
            bySilo,
            Statuses.ToDictionary(s => s, s => (int)statuses.Where(r => r.Status == s).Sum(r => r.Sessions), StringComparer.Ordinal),
            EventKinds.ToDictionary(k => k, k => events.Where(e => e.Kind == k).Sum(e => e.Count), StringComparer.Ordinal),
            Timeline(log, now),
            recent.Select(e => new SessionEventEntry(e.At, e.Kind, Shorten(e.SessionId), e.App, e.Silo)).ToList(),
            bySilo.Keys.Concat(recent.Select(e => e.Silo)).Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => SiloLabels.Of(id, names), StringComparer.Ordinal));
    }

    private static async Task<List<(DateTimeOffset At, string Kind, string SessionId, string App, string Silo)>> ReadRecentAsync(
        System.Data.Common.DbConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(string At, string Kind, string SessionId, string App, string Silo)>(new CommandDefinition(
            $"SELECT CAST(at AS text), kind, session_id, app, silo FROM session_event_log ORDER BY id DESC LIMIT {RecentEvents}", cancellationToken: cancellationToken)))
        .Select(e => (DatabaseTimestamps.Parse(e.At), e.Kind, e.SessionId, e.App, e.Silo))
        .ToList();

    private static List<SessionMinute> Timeline(IEnumerable<(DateTimeOffset At, string Kind, string SessionId, string App, string Silo)> log, DateTimeOffset now)
    {
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var byMinute = log.GroupBy(e => new DateTimeOffset(e.At.Year, e.At.Month, e.At.Day, e.At.Hour, e.At.Minute, 0, TimeSpan.Zero))
            .ToDictionary(g => g.Key, g => g.ToList());
        return Enumerable.Range(0, TimelineMinutes).Select(i => end.AddMinutes(i - TimelineMinutes + 1)).Select(minute =>
        {
            var events = byMinute.GetValueOrDefault(minute) ?? [];
            return new SessionMinute(
                minute,
                events.Count(e => e.Kind == SessionEventKind.Started),
                events.Count(e => e.Kind == SessionEventKind.FailOver),
                events.Count(e => e.Kind == SessionEventKind.TimeOut));
        }).ToList();
    }

    private static string Shorten(string sessionId) => sessionId.Length <= 8 ? sessionId : sessionId[..8] + "…";
}
