using System.Text.Json;
using Spectre.Console;

namespace OrleansPlatform.Cli.Output;

/// <summary><c>oplat status</c>: the cluster's facts, then each application's state.</summary>
internal static class StatusView
{
    public static void Render(Terminal terminal, JsonElement status)
    {
        var drift = status.Count("silosWithDrift");
        terminal.Console.Write(Tables.Facts(
        [
            ("mode", Tables.Cell(status.Text("mode"))),
            ("database", Tables.Cell(status.Text("database"))),
            ("silos", Tables.Cell($"{status.Count("activeSilos")} active" + (drift > 0 ? $", {drift} with settings drift" : string.Empty), drift > 0 ? new Style(Color.Yellow) : Style.Plain)),
            ("live sessions", Tables.Cell(Formats.Count(status.Count("liveSessions")))),
            ("settings digest", Tables.Cell(status.Text("clusterDigest"))),
        ]));
        var table = Tables.Create(terminal, "application", "state", "live sessions>");
        foreach (var application in status.Items("applications"))
        {
            table.Row(Tables.Cell(application.Text("id")), Tables.State(application.Text("state")), Tables.Cell(Formats.Count(application.Count("liveSessions"))));
        }

        terminal.Console.Write(table);
    }
}
