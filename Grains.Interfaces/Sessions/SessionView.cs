using System.Text.Json;

namespace OrleansPlatform.Grains.Sessions;

public sealed record SessionView(string App, string Step, string Title, JsonElement Data, IReadOnlyList<ViewAction> Actions);
