namespace OrleansPlatform.Workflows.Views;

/// <summary>An action offered by a view, with the inputs it takes.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.view-action")]
public sealed record ViewAction([property: Id(0)] string Name, [property: Id(1)] IReadOnlyList<ViewInput> Inputs)
{
    /// <summary>The button's text (null from an older silo: the page shows the name in words).</summary>
    [Id(2)]
    public string? Label { get; init; }

    /// <summary>True when the page shows the button disabled (still accepted: see <c>ActionDefinition.DisabledWhen</c>).</summary>
    [Id(3)]
    public bool Disabled { get; init; }

    /// <summary>The data array whose rows each carry this action; null for every table when it has a hidden input.</summary>
    [Id(4)]
    public string? Rows { get; init; }

    /// <summary>True for the step's main action, whose button stands out.</summary>
    [Id(5)]
    public bool Primary { get; init; }
}
