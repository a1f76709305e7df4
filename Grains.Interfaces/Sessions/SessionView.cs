using System.Text.Json;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>What an interactive step shows: its title, its data (camelCase JSON) and the actions the user may take.</summary>
public sealed record SessionView(string App, string Step, string Title, JsonElement Data, IReadOnlyList<ViewAction> Actions);
