namespace OrleansPlatform.Workflows.Model;

/// <summary>A step: a business operation with named input and output ports.</summary>
public abstract class StepDefinition
{
    /// <summary>Creates a step.</summary>
    protected StepDefinition(string name, IReadOnlyList<PortDefinition> inputs, IReadOnlyList<PortDefinition> outputs)
    {
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The step's name, unique within its composite.</summary>
    public string Name { get; }

    /// <summary>The input ports.</summary>
    public IReadOnlyList<PortDefinition> Inputs { get; }

    /// <summary>The output ports.</summary>
    public IReadOnlyList<PortDefinition> Outputs { get; }

    /// <summary>The step's kind.</summary>
    public abstract StepKind Kind { get; }

    /// <summary>The input port named <paramref name="name"/>, or null.</summary>
    public PortDefinition? FindInput(string name) => Inputs.FirstOrDefault(p => p.Name == name);

    /// <summary>The output port named <paramref name="name"/>, or null.</summary>
    public PortDefinition? FindOutput(string name) => Outputs.FirstOrDefault(p => p.Name == name);
}
