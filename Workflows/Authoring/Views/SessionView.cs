using System.Text.Json;

namespace OrleansPlatform.Workflows.Views;

/// <summary>What an interactive step shows: its title, its data (camelCase JSON) and the actions the user may take.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.session-view")]
public sealed record SessionView(
    [property: Id(0)] string App,
    [property: Id(1)] string Step,
    [property: Id(2)] string Title,
    [property: Id(3)] JsonElement Data,
    [property: Id(4)] IReadOnlyList<ViewAction> Actions)
{
    /// <summary>A sentence for the user about this step (why a form came back, what just happened); null for none.</summary>
    [Id(5)]
    public string? Notice { get; init; }

    /// <summary>How the page shows data properties, by property name (see <see cref="ViewFormats"/>); null for none.</summary>
    [Id(6)]
    public IReadOnlyDictionary<string, string>? Formats { get; init; }
}
