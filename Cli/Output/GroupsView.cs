using System.Text.Json;

namespace OrleansPlatform.Cli.Output;

/// <summary><c>oplat groups ...</c>: resource groups and where the failover groups run.</summary>
internal static class GroupsView
{
    public static void RenderList(Terminal terminal, JsonElement groups)
    {
        var table = Tables.Create(terminal, "group", "failover", "nodes", "resources", "running on", "token>");
        foreach (var group in groups.Items())
        {
            var failover = group.Flag("failover");
            var runningOn = failover
                ? Formats.OrNone(group.TextOrNull("activeNode")) + (group.TextOrNull("preferredNode") is { } target ? $" (moving to {target})" : string.Empty)
                : "every node listed";
            table.Row(
                group.Text("id"),
                failover ? "yes" : "no",
                string.Join(", ", group.Items("nodes").Select(n => n.GetString())),
                string.Join(", ", group.Items("resources").Select(r => r.GetString())),
                runningOn,
                group.Text("fencingToken"));
        }

        terminal.Console.Write(table);
    }

    public static void RenderMove(Terminal terminal, JsonElement group) =>
        terminal.Line($"{group.Text("id")}: moved from {Formats.OrNone(group.TextOrNull("from"))} to {group.Text("activeNode")} in {group.Text("movedInSeconds")} s (fencing token {group.Text("fencingToken")})");
}
