namespace OrleansPlatform.Workflows.Views;

/// <summary>An input field of an action. <paramref name="Type"/>: <c>text</c>, <c>number</c> or <c>hidden</c>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.view-input")]
public sealed record ViewInput(
    [property: Id(0)] string Name,
    [property: Id(1)] string Type,
    [property: Id(2)] bool Required,
    [property: Id(3)] string? Label);
