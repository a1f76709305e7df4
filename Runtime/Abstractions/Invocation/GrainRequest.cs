using System.Text.Json;

namespace OrleansPlatform.Runtime.Invocation;

/// <summary>
/// One call of a grain method with its arguments. The source generator emits a sealed subclass per grain interface
/// method; the runtime invokes it without reflection and serializes its arguments when the call crosses a process.
/// </summary>
public abstract class GrainRequest
{
    /// <summary>The method this request calls.</summary>
    public abstract GrainMethodDescriptor Method { get; }

    /// <summary>
    /// The cancellation token passed to the grain method, if it takes one. The caller sets it; the runtime replaces
    /// it with a token it controls before invoking (linked to the caller's and to the response timeout).
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>The declared result type (<see cref="None"/> for methods returning a plain task); used to serialize results.</summary>
    public abstract Type ResultType { get; }

    /// <summary>Number of arguments, excluding a CancellationToken.</summary>
    public abstract int ArgumentCount { get; }

    /// <summary>Gets an argument by position, boxed; for filters, logging and diagnostics, not the call path.</summary>
    public abstract object? GetArgument(int index);

    /// <summary>Writes the arguments as one JSON array.</summary>
    public abstract void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options);

    /// <summary>Reads the arguments from a JSON array written by <see cref="WriteArguments"/>; the reader is on its start.</summary>
    public abstract void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>Invokes the method on <paramref name="grain"/> and returns its result boxed (filters and remote responses).</summary>
    public abstract ValueTask<object?> InvokeBoxedAsync(object grain);

    /// <inheritdoc />
    public override string ToString() => Method.ToString();
}
