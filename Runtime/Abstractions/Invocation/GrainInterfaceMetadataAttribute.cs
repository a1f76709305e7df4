namespace OrleansPlatform.Runtime.Invocation;

/// <summary>
/// Emitted by the source generator into every assembly that declares grain interfaces: one per interface, naming
/// its generated <see cref="GrainInterfaceMetadata"/> class. The runtime reads these once per assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class GrainInterfaceMetadataAttribute : Attribute
{
    /// <summary>Names the generated metadata type (it has a public parameterless constructor).</summary>
    public GrainInterfaceMetadataAttribute(Type metadataType) => MetadataType = metadataType;

    /// <summary>The generated metadata type.</summary>
    public Type MetadataType { get; }
}
