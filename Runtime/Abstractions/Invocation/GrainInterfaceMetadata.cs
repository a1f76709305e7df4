namespace OrleansPlatform.Runtime.Invocation;

/// <summary>
/// Generated description of one grain interface: its methods, how to create a proxy, and how to create an empty
/// request for a method id (for requests that arrive serialized). One instance per interface.
/// </summary>
public abstract class GrainInterfaceMetadata
{
    /// <summary>The grain interface.</summary>
    public abstract Type InterfaceType { get; }

    /// <summary>The interface's stable name (its full name), used on the wire.</summary>
    public abstract string InterfaceName { get; }

    /// <summary>How the interface's grains are keyed.</summary>
    public abstract GrainKeyKind KeyKind { get; }

    /// <summary>The interface's methods, including inherited grain interface methods.</summary>
    public abstract IReadOnlyList<GrainMethodDescriptor> Methods { get; }

    /// <summary>Creates a proxy implementing the interface for <paramref name="grainId"/>.</summary>
    public abstract GrainReference CreateReference(GrainId grainId, IGrainCallInvoker invoker);

    /// <summary>Creates an empty request for <paramref name="methodId"/>, to be filled by <see cref="GrainRequest.ReadArguments"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No method of this interface has that id.</exception>
    public abstract GrainRequest CreateRequest(uint methodId);
}
