using System.Text.Json;

namespace OrleansPlatform.Cli.Output;

/// <summary><c>oplat users</c>: the applications' users (never a password).</summary>
internal static class UsersView
{
    public static void RenderList(Terminal terminal, JsonElement users)
    {
        var table = Tables.Create(terminal, "name", "roles", "state", "created");
        var count = 0;
        foreach (var user in users.EnumerateArray())
        {
            count++;
            table.Row(user.Text("name"), Roles(user), State(user), user.Text("createdAt"));
        }

        terminal.Console.Write(table);
        terminal.Line($"{count} user(s)");
    }

    public static void RenderChange(Terminal terminal, JsonElement user) =>
        terminal.Line($"{user.Text("name")}: {State(user)}, roles {Roles(user)}");

    private static string Roles(JsonElement user) =>
        user.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array && roles.GetArrayLength() > 0
            ? string.Join(',', roles.EnumerateArray().Select(r => r.GetString()))
            : "(none)";

    private static string State(JsonElement user) =>
        user.Flag("disabled") ? "disabled" : user.Flag("lockedOut") ? "locked out" : "enabled";
}
