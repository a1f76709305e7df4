using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansPlatform.Cli.Output;

/// <summary><c>oplat config ...</c>: the managed settings, one setting in full, a change's outcome, and each silo's drift.</summary>
internal static class ConfigurationView
{
    public static void RenderSettings(Terminal terminal, JsonElement overview)
    {
        var table = Tables.Create(terminal, "key", "applies", "default", "cluster value", "overrides");
        foreach (var setting in overview.Items("settings"))
        {
            table.Row(
                Tables.Cell(setting.Text("key")),
                Applies(setting),
                Tables.Cell(setting.Text("default")),
                ClusterValue(setting),
                Tables.Cell(Overrides(setting)));
        }

        terminal.Console.Write(table);
        terminal.Line($"cluster settings digest {overview.Text("clusterDigest")}");
    }

    public static void RenderSetting(Terminal terminal, JsonElement setting) =>
        terminal.Console.Write(Tables.Facts(
        [
            ("key", Tables.Cell(setting.Text("key"))),
            ("value", ClusterValue(setting)),
            ("default", Tables.Cell(setting.Text("default"))),
            ("overrides", Tables.Cell(Overrides(setting))),
            ("applies", Applies(setting)),
            ("kind", Tables.Cell(setting.Text("kind"))),
            ("range", Tables.Cell($"{setting.TextOrNull("minimum") ?? "-"} .. {setting.TextOrNull("maximum") ?? "-"}")),
            ("description", Tables.Cell(setting.Text("description"))),
        ]));

    public static void RenderChange(Terminal terminal, JsonElement change)
    {
        var value = change.TextOrNull("value");
        var what = value is null ? $"{change.Text("key")} removed" : $"{change.Text("key")} = {value}";
        terminal.Line($"{what} ({change.Text("scope")}): {change.Text("message")}");
    }

    public static void RenderDiff(Terminal terminal, JsonElement silos)
    {
        var table = Tables.Create(terminal, "silo", "digest", "matches", "differences");
        foreach (var silo in silos.Items())
        {
            var matches = silo.Flag("matchesCluster");
            var differences = silo.Items("differences")
                .Select(d => $"{d.Text("key")}: {d.Text("silo")} (cluster {d.Text("cluster")}; {d.Text("source")})")
                .ToList();
            table.Row(
                Tables.Cell(SilosView.Label(silo, "siloLabel", "siloName")),
                Tables.Cell(silo.Text("digest")),
                Tables.Cell(matches ? "yes" : "no", matches ? new Style(Color.Green) : new Style(Color.Yellow)),
                Tables.Cell(differences.Count == 0 ? string.Empty : string.Join(Environment.NewLine, differences)));
        }

        terminal.Console.Write(table);
    }

    private static IRenderable Applies(JsonElement setting) =>
        setting.Flag("live") ? Tables.Cell("live") : Tables.Cell("restart", new Style(Color.Yellow));

    private static IRenderable ClusterValue(JsonElement setting) =>
        setting.TextOrNull("cluster") is { } stored ? Tables.Cell(stored, new Style(decoration: Decoration.Bold)) : Tables.Cell($"{setting.Text("value")} (default)", new Style(Color.Grey));

    private static string Overrides(JsonElement setting) =>
        string.Join(", ", setting.Entries("overrides").Select(o => $"{o.Name}={(o.Value.ValueKind == JsonValueKind.String ? o.Value.GetString() : o.Value.GetRawText())}"));
}
