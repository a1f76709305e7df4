namespace OrleansPlatform.Workflows.Model;

/// <summary>
/// A graph of steps joined by connections. Running it starts at <see cref="EntryStep"/>; a connection to
/// <see cref="Endpoint.Exit"/> leaves it through one of its output ports. Its input parameters are copied into its own
/// pool when it is entered, its output parameters back into the enclosing pool when it is left.
/// </summary>
public class CompositeStep(
    string name,
    IReadOnlyList<PortDefinition> inputs,
    IReadOnlyList<PortDefinition> outputs,
    IReadOnlyList<StepDefinition> steps,
    IReadOnlyList<Connection> connections,
    string entryStep) : StepDefinition(name, inputs, outputs)
{
    /// <inheritdoc />
    public override StepKind Kind => StepKind.Composite;

    /// <summary>The steps.</summary>
    public IReadOnlyList<StepDefinition> Steps { get; } = steps;

    /// <summary>The connections.</summary>
    public IReadOnlyList<Connection> Connections { get; } = connections;

    /// <summary>The step run first.</summary>
    public string EntryStep { get; } = entryStep;

    /// <summary>The step named <paramref name="name"/>, or null.</summary>
    public StepDefinition? FindStep(string name) => Steps.FirstOrDefault(s => s.Name == name);
}
