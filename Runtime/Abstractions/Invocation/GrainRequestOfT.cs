namespace OrleansPlatform.Runtime.Invocation;

/// <summary>A grain request whose method returns <typeparamref name="TResult"/> (<see cref="None"/> for plain tasks).</summary>
public abstract class GrainRequest<TResult> : GrainRequest
{
    /// <summary>Invokes the method on <paramref name="grain"/>; the typed path used for local calls.</summary>
    public abstract ValueTask<TResult> InvokeAsync(object grain);

    /// <inheritdoc />
    public sealed override Type ResultType => typeof(TResult);

    /// <inheritdoc />
    public sealed override async ValueTask<object?> InvokeBoxedAsync(object grain) => await InvokeAsync(grain);
}
