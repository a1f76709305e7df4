namespace OrleansPlatform.Runtime.Invocation;

/// <summary>
/// Describes one grain interface method. <see cref="MethodId"/> is a hash of the method's name and parameter types,
/// so it does not change when methods are reordered or added.
/// </summary>
public sealed record GrainMethodDescriptor(string InterfaceName, string MethodName, uint MethodId, GrainMethodOptions Options)
{
    /// <summary>True for <see cref="OneWayAttribute"/> methods.</summary>
    public bool IsOneWay => (Options & GrainMethodOptions.OneWay) != 0;

    /// <summary>True for <see cref="AlwaysInterleaveAttribute"/> methods.</summary>
    public bool AlwaysInterleaves => (Options & GrainMethodOptions.AlwaysInterleave) != 0;

    /// <inheritdoc />
    public override string ToString() => $"{InterfaceName}.{MethodName}";
}
