namespace OrleansPlatform.Workflows.Model;

/// <summary>A named input or output of a step with the parameters it carries.</summary>
public sealed record PortDefinition(string Name, IReadOnlyList<ParameterDefinition> Parameters)
{
    /// <summary>A port with <paramref name="parameters"/>.</summary>
    public static PortDefinition Of(string name, params ParameterDefinition[] parameters) => new(name, parameters);
}
