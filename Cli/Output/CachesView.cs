using System.Text.Json;
using Spectre.Console;

namespace OrleansPlatform.Cli.Output;

/// <summary><c>oplat caches ...</c>: each silo's cache counters, and the outcome of a clear or reload.</summary>
internal static class CachesView
{
    public static void RenderStatistics(Terminal terminal, JsonElement silos)
    {
        var table = Tables.Create(terminal, "silo", "type", "entries>", "capacity>", "hits>", "misses>", "hit ratio>", "evictions>");
        foreach (var silo in silos.Items())
        {
            var name = SilosView.Label(silo, "siloLabel", "siloName");
            if (!silo.Flag("answered"))
            {
                table.Row(Tables.Cell(name), Tables.Cell("(did not answer in time)", new Style(Color.Yellow)), Tables.Cell(string.Empty), Tables.Cell(string.Empty),
                    Tables.Cell(string.Empty), Tables.Cell(string.Empty), Tables.Cell(string.Empty), Tables.Cell(string.Empty));
                continue;
            }

            foreach (var cache in silo.Items("caches"))
            {
                table.Row(
                    name,
                    cache.Text("cacheType"),
                    Formats.Count(cache.Count("count")),
                    Formats.Count(cache.Count("capacity")),
                    Formats.Count(cache.Count("hits")),
                    Formats.Count(cache.Count("misses")),
                    Formats.Ratio(cache.Number("hitRatio")),
                    Formats.Count(cache.Count("evictions")));
            }
        }

        terminal.Console.Write(table);
    }

    public static void RenderOperation(Terminal terminal, JsonElement operation)
    {
        var objects = operation.Entries("objects").ToList();
        var done = operation.Text("operation") == "reload" ? "reloaded" : "cleared";
        var total = objects.Sum(o => o.Value.ValueKind == JsonValueKind.Number ? o.Value.GetInt64() : 0);
        var type = operation.Text("cacheType");
        terminal.Line($"{(type == "*" ? "every cache" : type)}: {done} on {objects.Count} silo(s), {Formats.Count(total)} object(s)");
        foreach (var (silo, count) in objects)
        {
            terminal.Line($"  {silo}: {count.GetRawText()}");
        }

        foreach (var silo in operation.Items("unanswered"))
        {
            terminal.Line($"  {silo.GetString()}: did not answer in time (its copies expire with their time to live)", new Style(Color.Yellow));
        }
    }
}
