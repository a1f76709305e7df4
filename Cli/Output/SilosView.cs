using System.Text.Json;
using Spectre.Console;

namespace OrleansPlatform.Cli.Output;

/// <summary><c>oplat silos ...</c>: every silo with its figures and settings digest, and the outcome of a drain.</summary>
internal static class SilosView
{
    /// <summary>Shown after the digest of a silo whose settings in force differ from the cluster's.</summary>
    public const string DriftMarker = "(drift)";

    public static void RenderList(Terminal terminal, JsonElement overview)
    {
        var drifting = 0;
        var table = Tables.Create(terminal, "silo", "status", "id", "pid>", "uptime>", "sessions>", "cpu>", "memory>", "digest");
        foreach (var silo in overview.Items("silos"))
        {
            var active = silo.Text("status") == "Active";
            var pid = silo.Count("pid");
            var drift = active && !silo.Flag("digestMatchesCluster");
            drifting += drift ? 1 : 0;
            table.Row(
                Tables.Cell(Label(silo, "label", "name")),
                Tables.Cell(silo.Text("status"), active ? new Style(Color.Green) : new Style(Color.Grey)),
                Tables.Cell(silo.Text("id")),
                Tables.Cell(pid == 0 ? Formats.None : pid.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Tables.Cell(Formats.Duration(silo.Number("uptimeSeconds"))),
                Tables.Cell(active ? Formats.Count(silo.Count("sessions")) : Formats.None),
                Tables.Cell(Formats.Percent(silo.Number("cpuPercent"))),
                Tables.Cell(Formats.Mebibytes(silo.Number("memoryBytes"))),
                Tables.Cell(Formats.OrNone(silo.Text("configDigest")) + (drift ? " " + DriftMarker : string.Empty), drift ? new Style(Color.Yellow) : Style.Plain));
        }

        terminal.Console.Write(table);
        terminal.Line($"cluster settings digest {overview.Text("clusterDigest")}"
            + (drifting > 0 ? $"; {DriftMarker}: {drifting} silo(s) run other settings ('oplat config diff' says which)" : string.Empty));
    }

    /// <summary>
    /// The silo's label as the Gateway gives it (<c>name (host:port)</c>, as on the console's pages), or its name from a
    /// Gateway that gives no label.
    /// </summary>
    public static string Label(JsonElement silo, string labelField, string nameField) => silo.TextOrNull(labelField) ?? silo.Text(nameField);

    public static void RenderDrain(Terminal terminal, JsonElement answer) =>
        terminal.Line($"{answer.Text("id")}: {answer.Text("status")}; its grains deactivate (sessions written) and its sessions move to the other silos");
}
