using System.Globalization;
using System.Text.Json;

namespace OrleansPlatform.Cli.Output;

/// <summary>
/// Lenient reads of the API's camelCase JSON for the tables: a field that is missing or of another kind reads as
/// empty, so a Gateway one version ahead still gets a table (and <c>--json</c> shows everything as it came).
/// </summary>
internal static class JsonFields
{
    public static string Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? string.Empty,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => string.Empty,
            }
            : string.Empty;

    public static string? TextOrNull(this JsonElement element, string name) => element.Text(name) is { Length: > 0 } text ? text : null;

    public static double? Number(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;

    public static long Count(this JsonElement element, string name) => (long)(element.Number(name) ?? 0);

    public static bool Flag(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static DateTimeOffset? Time(this JsonElement element, string name) =>
        DateTimeOffset.TryParse(element.Text(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.Items() : [];

    public static IEnumerable<JsonElement> Items(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [];

    /// <summary>The members of an object-valued field (a dictionary in the API), in the API's order.</summary>
    public static IEnumerable<(string Name, JsonElement Value)> Entries(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Select(p => (p.Name, p.Value))
            : [];
}
