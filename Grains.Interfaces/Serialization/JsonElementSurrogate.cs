using System.Text.Json;

namespace OrleansPlatform.Grains.Serialization;

/// <summary>
/// How a <see cref="JsonElement"/> (a view's data) crosses silos: as its JSON text. Orleans has no codec for
/// <see cref="JsonElement"/>; this surrogate and <see cref="JsonElementSurrogateConverter"/> give it one.
/// </summary>
[GenerateSerializer]
[Immutable]
public readonly struct JsonElementSurrogate
{
    /// <summary>The element's raw JSON text; empty for an undefined element.</summary>
    [Id(0)]
    public string Json { get; init; }
}

/// <summary>Converts <see cref="JsonElement"/> to and from <see cref="JsonElementSurrogate"/>.</summary>
[RegisterConverter]
public sealed class JsonElementSurrogateConverter : IConverter<JsonElement, JsonElementSurrogate>
{
    /// <inheritdoc />
    public JsonElement ConvertFromSurrogate(in JsonElementSurrogate surrogate) =>
        string.IsNullOrEmpty(surrogate.Json) ? default : JsonSerializer.Deserialize<JsonElement>(surrogate.Json);

    /// <inheritdoc />
    public JsonElementSurrogate ConvertToSurrogate(in JsonElement value) =>
        new() { Json = value.ValueKind == JsonValueKind.Undefined ? string.Empty : value.GetRawText() };
}
