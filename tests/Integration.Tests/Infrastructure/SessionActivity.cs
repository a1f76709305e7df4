using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>
/// What the silos say about sessions: their activation, deactivation and applied-interaction log lines (with silo and
/// time), and the records in the database.
/// </summary>
public static partial class SessionActivity
{
    /// <summary>Every session activation, deactivation and applied interaction in <paramref name="silos"/>' output, in order of time.</summary>
    public static IReadOnlyList<Event> Events(IEnumerable<PlatformProcess> silos)
    {
        var events = new List<Event>();
        foreach (var silo in silos)
        {
            foreach (var line in silo.OutputLines)
            {
                var match = EventLine().Match(line);
                if (match.Success)
                {
                    events.Add(new Event(
                        match.Groups["id"].Value,
                        match.Groups["kind"].Value,
                        match.Groups["seq"].Success ? long.Parse(match.Groups["seq"].Value, CultureInfo.InvariantCulture) : null,
                        match.Groups["silo"].Value,
                        DateTimeOffset.Parse(match.Groups["at"].Value, CultureInfo.InvariantCulture)));
                }
            }
        }

        return events.OrderBy(e => e.At).ToList();
    }

    /// <summary>The silo that activated <paramref name="sessionId"/> last, from the silos' logs.</summary>
    public static string? LastSiloOf(IEnumerable<PlatformProcess> silos, string sessionId) =>
        Events(silos).LastOrDefault(e => e.SessionId == sessionId && e.Kind == "activated")?.Silo;

    /// <summary>The stored record of <paramref name="sessionId"/> (silo and seq), or null when none is stored.</summary>
    public static async Task<(string Silo, long Seq)?> StoredAsync(SiloCluster cluster, string sessionId)
    {
        await using var connection = await cluster.OpenDatabaseAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(string? Silo, long? Seq)>(
            "SELECT silo, seq FROM session_records WHERE session_id = @Key AND state IS NOT NULL", new { Key = sessionId });
        return row.Silo is null ? null : (row.Silo, row.Seq ?? 0);
    }

    [GeneratedRegex(@"Session (?<id>[0-9a-f]{32}) (?:(?<kind>activated|deactivated)|(?<kind>applied) seq (?<seq>\d+)) on .+? \((?<silo>[^)\s]+)\) at (?<at>\S+)")]
    private static partial Regex EventLine();

    /// <summary>One thing a silo said about a session.</summary>
    public sealed record Event(string SessionId, string Kind, long? Seq, string Silo, DateTimeOffset At);
}
