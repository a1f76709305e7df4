namespace OrleansPlatform.Workflows.Views;

/// <summary>One allowed value of a choice input and its label.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.view-choice")]
public sealed record ViewChoice([property: Id(0)] string Value, [property: Id(1)] string Label);
