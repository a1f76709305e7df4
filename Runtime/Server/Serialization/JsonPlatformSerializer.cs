using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Serialization;

/// <summary>
/// <see cref="IPlatformSerializer"/> over System.Text.Json with web defaults (camelCase, case-insensitive reads).
/// The resolver chain is the configured <see cref="PlatformSerializerOptions.TypeInfoResolvers"/> followed by the
/// reflection-based default resolver. The options are frozen once built.
/// </summary>
internal sealed class JsonPlatformSerializer : IPlatformSerializer
{
    public JsonPlatformSerializer(IOptions<PlatformSerializerOptions> options)
    {
        var resolvers = new List<IJsonTypeInfoResolver>(options.Value.TypeInfoResolvers) { new DefaultJsonTypeInfoResolver() };
        var serializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers]),
        };
        serializerOptions.MakeReadOnly();
        Options = serializerOptions;
    }

    public JsonSerializerOptions Options { get; }

    public byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize<T>(utf8Json, Options);
}
