using System.Text.Json;

namespace OrleansPlatform.Runtime.Serialization;

/// <summary>
/// The one serializer of the platform: System.Text.Json with options shared by storage, messages and the front door.
/// Source-generated contexts are added to <see cref="Options"/>' resolver chain so hot types avoid reflection.
/// </summary>
public interface IPlatformSerializer
{
    /// <summary>The options every component serializes with.</summary>
    JsonSerializerOptions Options { get; }

    /// <summary>Serializes to UTF-8 JSON.</summary>
    byte[] SerializeToUtf8Bytes<T>(T value);

    /// <summary>Deserializes UTF-8 JSON.</summary>
    T? Deserialize<T>(ReadOnlySpan<byte> utf8Json);
}
