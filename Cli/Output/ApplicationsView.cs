using System.Text.Json;

namespace OrleansPlatform.Cli.Output;

/// <summary><c>oplat apps ...</c>: the applications table, and the outcome of enabling or disabling one.</summary>
internal static class ApplicationsView
{
    public static void RenderList(Terminal terminal, JsonElement applications)
    {
        var table = Tables.Create(terminal, "id", "state", "versions", "live sessions>", "since");
        foreach (var application in applications.Items())
        {
            table.Row(
                Tables.Cell(application.Text("id")),
                Tables.State(application.Text("state")),
                Tables.Cell(string.Join(", ", application.Items("versions").Select(v => v.GetString()))),
                Tables.Cell(Formats.Count(LiveSessions(application))),
                Tables.Cell(application.Time("changedAt") is { } changed ? Formats.Time(changed) : string.Empty));
        }

        terminal.Console.Write(table);
    }

    /// <summary>One line: the application and the state it is in now.</summary>
    public static void RenderChange(Terminal terminal, JsonElement application)
    {
        var state = application.Text("state");
        var live = LiveSessions(application);
        var consequence = state switch
        {
            "draining" => $": no new sessions; {live} live session(s) go on until they end or expire",
            "disabled" => ": no new sessions, no interactions (503)",
            "enabled" => ": new sessions start",
            _ => string.Empty,
        };
        terminal.Line($"{application.Text("id")}: {state}{consequence}");
    }

    private static long LiveSessions(JsonElement application) =>
        (long?)application.Number("liveSessions")
        ?? application.Entries("liveSessionsBySilo").Sum(e => e.Value.ValueKind == JsonValueKind.Number ? e.Value.GetInt64() : 0);
}
