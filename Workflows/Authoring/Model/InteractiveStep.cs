namespace OrleansPlatform.Workflows.Model;

/// <summary>Shows the user a view (title and data built from the session's state) and waits for one of its actions.</summary>
public sealed class InteractiveStep(
    string name,
    IReadOnlyList<PortDefinition> inputs,
    string title,
    Func<StepContext, object> data,
    IReadOnlyList<ActionDefinition> actions) : StepDefinition(name, inputs, actions.Select(a => a.OutputPort).Distinct(StringComparer.Ordinal).Select(p => new PortDefinition(p, PortParameters(actions, p))).ToList())
{
    /// <inheritdoc />
    public override StepKind Kind => StepKind.Interactive;

    /// <summary>The view's title.</summary>
    public string Title { get; } = title;

    /// <summary>Builds the view's data (serialized as camelCase JSON).</summary>
    public Func<StepContext, object> Data { get; } = data;

    /// <summary>The actions offered.</summary>
    public IReadOnlyList<ActionDefinition> Actions { get; } = actions;

    /// <summary>A sentence shown above the view's data (why the step came back, what just happened); null or a null result for none.</summary>
    public Func<StepContext, string?>? Notice { get; init; }

    /// <summary>How the page shows data properties, by property name (<see cref="Views.ViewFormats"/>: money, hidden).</summary>
    public IReadOnlyDictionary<string, string>? Formats { get; init; }

    /// <summary>The action named <paramref name="name"/>, or null.</summary>
    public ActionDefinition? FindAction(string name) => Actions.FirstOrDefault(a => a.Name == name);

    // An interactive step's output ports carry what its actions' users type: the inputs of the first action using the port.
    private static List<ParameterDefinition> PortParameters(IReadOnlyList<ActionDefinition> actions, string port) =>
        actions.First(a => a.OutputPort == port).Inputs.Select(i => new ParameterDefinition(i.Name, i.ValueType)).ToList();
}
