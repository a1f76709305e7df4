using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansPlatform.Workflows.References;

/// <summary>
/// The registry of codecs: encodes any pool value as its canonical form when a codec takes it, as raw JSON otherwise
/// (strings, whole numbers and booleans as themselves; other values as <c>["raw", type, json]</c>), and rebuilds values.
/// </summary>
public interface ILogicalReferences
{
    /// <summary>The canonical (or raw) form of <paramref name="value"/>.</summary>
    JsonNode? Encode(object? value);

    /// <summary>Rebuilds a value from its form.</summary>
    Task<object?> DecodeAsync(JsonElement form, CancellationToken cancellationToken);
}
