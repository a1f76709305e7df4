using System.Text.Json.Serialization.Metadata;

namespace OrleansPlatform.Runtime.Serialization;

/// <summary>Options of the platform serializer (<see cref="IPlatformSerializer"/>).</summary>
public sealed class PlatformSerializerOptions
{
    /// <summary>
    /// Type info resolvers tried in order before the reflection-based default resolver, which always comes last.
    /// Add source-generated <c>JsonSerializerContext</c> instances here so hot types avoid reflection.
    /// Default: empty (only the reflection-based resolver).
    /// </summary>
    public IList<IJsonTypeInfoResolver> TypeInfoResolvers { get; } = new List<IJsonTypeInfoResolver>();
}
