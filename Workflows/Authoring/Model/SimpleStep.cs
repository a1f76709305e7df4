namespace OrleansPlatform.Workflows.Model;

/// <summary>
/// One operation. It reads its input parameters from the context, writes its output parameters, and returns the
/// name of the output port it leaves through.
/// </summary>
public sealed class SimpleStep(
    string name,
    IReadOnlyList<PortDefinition> inputs,
    IReadOnlyList<PortDefinition> outputs,
    Func<StepContext, Task<string>> operation) : StepDefinition(name, inputs, outputs)
{
    /// <inheritdoc />
    public override StepKind Kind => StepKind.Simple;

    /// <summary>The operation.</summary>
    public Func<StepContext, Task<string>> Operation { get; } = operation;
}
