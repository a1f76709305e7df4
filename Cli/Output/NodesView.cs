using System.Text.Json;
using Spectre.Console;

namespace OrleansPlatform.Cli.Output;

/// <summary><c>oplat nodes list</c>: every node with its status and heartbeat.</summary>
internal static class NodesView
{
    public static void Render(Terminal terminal, JsonElement nodes)
    {
        var table = Tables.Create(terminal, "node", "status", "host", "agent", "heartbeat age>", "version", "pid>");
        var count = 0;
        var up = 0;
        foreach (var node in nodes.Items())
        {
            count++;
            var status = node.Text("status");
            up += status == "up" ? 1 : 0;
            table.Row(
                Tables.Cell(node.Text("id")),
                Tables.Cell(status, status switch { "up" => new Style(Color.Green), "down" => new Style(Color.Red), _ => new Style(Color.Grey) }),
                Tables.Cell(node.Text("host")),
                Tables.Cell(node.Text("agentUrl")),
                Tables.Cell(Formats.Seconds(node.Number("heartbeatAgeSeconds"))),
                Tables.Cell(node.Text("version")),
                Tables.Cell(node.Text("pid")));
        }

        terminal.Console.Write(table);
        terminal.Line($"{count} node(s), {up} up");
    }
}
