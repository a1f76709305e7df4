using System.Text.Json;
using Spectre.Console;

namespace OrleansPlatform.Cli.Output;

/// <summary><c>oplat resources ...</c>: a node's resources with their state.</summary>
internal static class ResourcesView
{
    public static void RenderList(Terminal terminal, JsonElement resources)
    {
        var table = Tables.Create(terminal, "resource", "group", "type", "state", "pid>", "restarts>", "since", "detail");
        var node = string.Empty;
        var count = 0;
        foreach (var resource in resources.Items())
        {
            count++;
            node = resource.Text("node");
            table.Row(
                Tables.Cell(resource.Text("id")),
                Tables.Cell(resource.Text("group")),
                Tables.Cell(resource.Text("type")),
                State(resource.Text("state")),
                Tables.Cell(resource.Text("pid")),
                Tables.Cell(resource.Text("restarts")),
                Tables.Cell(Formats.Time(resource.Time("since"))),
                Tables.Cell(resource.Text("detail")));
        }

        terminal.Console.Write(table);
        terminal.Line(count == 0 ? "no resources" : $"{count} resource(s) on node {node}");
    }

    public static void RenderOne(Terminal terminal, JsonElement resource) =>
        terminal.Line($"{resource.Text("id")} on node {resource.Text("node")}: {resource.Text("state")}"
            + (resource.TextOrNull("pid") is { } pid ? $" (pid {pid})" : string.Empty)
            + (resource.TextOrNull("detail") is { } detail ? $": {detail}" : string.Empty));

    private static Spectre.Console.Rendering.IRenderable State(string state) => Tables.Cell(state, state switch
    {
        "healthy" => new Style(Color.Green),
        "starting" or "waiting" or "degraded" or "restarting" or "stopping" => new Style(Color.Yellow),
        "failed" => new Style(Color.Red),
        _ => new Style(Color.Grey),
    });
}
