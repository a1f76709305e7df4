namespace OrleansPlatform.Workflows.Model;

/// <summary>
/// An action of an interactive step: its input fields, the output port the step leaves through when it is taken, and
/// optionally a rule saying when it is offered (an action not offered is refused).
/// </summary>
public sealed record ActionDefinition(string Name, string OutputPort, IReadOnlyList<InputField> Inputs, Rule? EnabledWhen = null)
{
    /// <summary>An action without inputs.</summary>
    public static ActionDefinition Of(string name, string outputPort, Rule? enabledWhen = null) => new(name, outputPort, [], enabledWhen);
}
