using System.Text.Json;

namespace OrleansPlatform.Cli.Output;

/// <summary><c>oplat locks</c>: every live cluster-lock holding.</summary>
internal static class LocksView
{
    public static void Render(Terminal terminal, JsonElement locks)
    {
        var table = Tables.Create(terminal, "name", "mode", "owner", "silo", "token>", "lease remaining>");
        var count = 0;
        foreach (var holding in locks.Items())
        {
            count++;
            table.Row(
                holding.Text("name"),
                holding.Text("mode"),
                holding.Text("owner"),
                holding.Text("silo"),
                holding.Text("fencingToken"),
                Formats.Seconds(holding.Number("leaseRemainingSeconds")));
        }

        terminal.Console.Write(table);
        terminal.Line($"{count} live holding(s)");
    }
}
