using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansPlatform.Workflows.References;

/// <summary>
/// Turns values of one kind into their canonical form (a JSON array whose first element is <see cref="Kind"/>) and
/// back, reloading what the form refers to.
/// </summary>
public interface IReferenceCodec
{
    /// <summary>The kind tag, first element of the canonical form.</summary>
    string Kind { get; }

    /// <summary>True when this codec encodes <paramref name="value"/>.</summary>
    bool CanEncode(object value);

    /// <summary>The canonical form's elements after the kind tag.</summary>
    IEnumerable<JsonNode?> Encode(object value);

    /// <summary>Rebuilds the value from the canonical form (the whole array, kind tag included).</summary>
    Task<object?> DecodeAsync(JsonElement form, CancellationToken cancellationToken);
}
