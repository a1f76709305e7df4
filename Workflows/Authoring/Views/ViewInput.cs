namespace OrleansPlatform.Workflows.Views;

/// <summary>
/// An input field of an action, as declared by its <c>InputField</c>. <paramref name="Type"/>: <c>text</c>,
/// <c>number</c>, <c>hidden</c> or <c>choice</c> (a select of <see cref="Choices"/>). The properties after the first
/// four are null (or the defaults) from an older silo.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("op.view-input")]
public sealed record ViewInput(
    [property: Id(0)] string Name,
    [property: Id(1)] string Type,
    [property: Id(2)] bool Required,
    [property: Id(3)] string? Label)
{
    /// <summary>The value the field starts with: what the session holds under its name (a re-prompt), else its default.</summary>
    [Id(4)]
    public string? Value { get; init; }

    /// <summary>Smallest accepted number (inclusive).</summary>
    [Id(5)]
    public long? Min { get; init; }

    /// <summary>Largest accepted number (inclusive).</summary>
    [Id(6)]
    public long? Max { get; init; }

    /// <summary>A regular expression the whole text must match.</summary>
    [Id(7)]
    public string? Pattern { get; init; }

    /// <summary>Longest accepted text (0 from an older silo).</summary>
    [Id(8)]
    public int MaxLength { get; init; }

    /// <summary>A sentence shown under the field.</summary>
    [Id(9)]
    public string? Help { get; init; }

    /// <summary>The allowed values of a choice field.</summary>
    [Id(10)]
    public IReadOnlyList<ViewChoice>? Choices { get; init; }
}
