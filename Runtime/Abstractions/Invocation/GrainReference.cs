namespace OrleansPlatform.Runtime.Invocation;

/// <summary>
/// Base class of generated grain proxies. A reference names a grain; calls on it become <see cref="GrainRequest"/>s
/// handed to the <see cref="IGrainCallInvoker"/>. References are equal when they name the same grain.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    /// <summary>Creates a reference to <paramref name="grainId"/> delivering calls through <paramref name="invoker"/>.</summary>
    protected GrainReference(GrainId grainId, IGrainCallInvoker invoker)
    {
        GrainId = grainId;
        Invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));
    }

    /// <summary>The grain this reference names.</summary>
    public GrainId GrainId { get; }

    /// <summary>The generated metadata of the interface this reference implements.</summary>
    public abstract GrainInterfaceMetadata InterfaceMetadata { get; }

    /// <summary>The runtime that delivers calls.</summary>
    protected IGrainCallInvoker Invoker { get; }

    /// <summary>Sends a request and awaits its result.</summary>
    protected Task<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request) => Invoker.InvokeAsync(this, request);

    /// <summary>Sends a one-way request.</summary>
    protected void InvokeOneWay(GrainRequest request) => Invoker.InvokeOneWay(this, request);

    /// <inheritdoc />
    public bool Equals(GrainReference? other) => other is not null && other.GrainId.Equals(GrainId);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"{InterfaceMetadata.InterfaceName}:{GrainId}";
}
