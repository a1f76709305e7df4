namespace OrleansPlatform.Workflows.Model;

/// <summary>A port of a step inside a composite; <see cref="Boundary"/> as the step names the composite's own ports.</summary>
public readonly record struct Endpoint(string Step, string Port)
{
    /// <summary>The step name that stands for the enclosing composite itself (its output ports are exits).</summary>
    public const string Boundary = "$";

    /// <summary>The enclosing composite's output port <paramref name="port"/>.</summary>
    public static Endpoint Exit(string port) => new(Boundary, port);

    /// <inheritdoc />
    public override string ToString() => $"{Step}.{Port}";
}
