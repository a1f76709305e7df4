namespace OrleansPlatform.Workflows.Views;

/// <summary>An action offered by a view, with the inputs it takes.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.view-action")]
public sealed record ViewAction([property: Id(0)] string Name, [property: Id(1)] IReadOnlyList<ViewInput> Inputs);
