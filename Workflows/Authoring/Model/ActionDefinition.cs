namespace OrleansPlatform.Workflows.Model;

/// <summary>
/// An action of an interactive step: its input fields, the output port the step leaves through when it is taken, and
/// optionally a rule saying when it is offered (an action not offered is left out of the view and refused).
/// </summary>
public sealed record ActionDefinition(string Name, string OutputPort, IReadOnlyList<InputField> Inputs, Rule? EnabledWhen = null)
{
    /// <summary>The button's text; null shows the name in words ("new-order" → "New order").</summary>
    public string? Label { get; init; }

    /// <summary>
    /// When this rule holds the action is listed with <c>disabled: true</c> and the page shows its button disabled (a
    /// pager's "Previous" on page 1). Unlike <see cref="EnabledWhen"/> it does not refuse the action, whose step must
    /// answer it sensibly (turning back from page 1 stays on page 1): use <see cref="EnabledWhen"/> to refuse.
    /// </summary>
    public Rule? DisabledWhen { get; init; }

    /// <summary>
    /// The view data's array whose rows each carry this action (its hidden input takes the row's <c>id</c>, a visible
    /// input named like a column starts with the row's value); null: every table's rows, when the action has a hidden input.
    /// </summary>
    public string? Rows { get; init; }

    /// <summary>The step's main action: its button stands out (a form with fields always does; other buttons are quieter).</summary>
    public bool Primary { get; init; }

    /// <summary>The button's text as shown.</summary>
    public string DisplayLabel => Label ?? FieldNames.Humanize(Name);

    /// <summary>An action without inputs.</summary>
    public static ActionDefinition Of(string name, string outputPort, Rule? enabledWhen = null) => new(name, outputPort, [], enabledWhen);
}
