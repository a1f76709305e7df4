using System.Text.Json;

namespace OrleansPlatform.Cli.Output;

/// <summary><c>oplat sessions</c>: live sessions by application and silo, records by status, event counters, the last events.</summary>
internal static class SessionsView
{
    private const int RecentShown = 20;

    public static void Render(Terminal terminal, JsonElement overview)
    {
        var counts = Tables.Create(terminal, "counter", "name", "value>");
        AddCounts(counts, "live sessions by application", overview, "byApplication");
        var labels = overview.Entries("siloLabels").ToDictionary(e => e.Name, e => e.Value.ValueKind == JsonValueKind.String ? e.Value.GetString()! : e.Name, StringComparer.Ordinal);
        AddCounts(counts, "live sessions by silo", overview, "bySilo", labels);
        AddCounts(counts, "records by status", overview, "byStatus");
        AddCounts(counts, "events since the database was created", overview, "events");
        terminal.Console.Write(counts);

        var recent = Tables.Create(terminal, "at", "event", "session", "application", "silo");
        foreach (var entry in overview.Items("recent").Take(RecentShown))
        {
            recent.Row(Formats.Time(entry.Time("at")), entry.Text("kind"), entry.Text("session"), entry.Text("application"), labels.GetValueOrDefault(entry.Text("silo"), entry.Text("silo")));
        }

        terminal.Line($"last {RecentShown} session events (newest first; --json has 100 and a 30-minute timeline)");
        terminal.Console.Write(recent);
    }

    private static void AddCounts(Spectre.Console.Table table, string counter, JsonElement overview, string field, IReadOnlyDictionary<string, string>? labels = null)
    {
        foreach (var (name, value) in overview.Entries(field))
        {
            table.Row(counter, labels?.GetValueOrDefault(name, name) ?? name, value.ValueKind == JsonValueKind.Number ? Formats.Count(value.GetInt64()) : value.GetRawText());
        }
    }
}
