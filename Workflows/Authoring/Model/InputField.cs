namespace OrleansPlatform.Workflows.Model;

/// <summary>
/// An input of an action: the one declaration both the page's HTML (label, help, <c>required</c>, <c>min</c>/<c>max</c>,
/// <c>pattern</c>, <c>maxlength</c>, a select for choices, the value shown) and the server's checks
/// (<see cref="InputChecks"/>) are made from. Values are parsed to <paramref name="ValueType"/> (<see cref="string"/>
/// or <see cref="long"/>) and must match the type of the action port's parameter of the same name.
/// </summary>
public sealed record InputField(string Name, InputFieldType FieldType, Type ValueType, bool Required, string? Label = null)
{
    /// <summary>Longest text accepted when <see cref="MaxLength"/> is not set.</summary>
    public const int DefaultMaxLength = 200;

    /// <summary>Smallest accepted number (inclusive); null for no lower bound.</summary>
    public long? Min { get; init; }

    /// <summary>Largest accepted number (inclusive); null for no upper bound.</summary>
    public long? Max { get; init; }

    /// <summary>A regular expression the whole text must match (as HTML's <c>pattern</c>: anchored at both ends); null for none.</summary>
    public string? Pattern { get; init; }

    /// <summary>What the text must look like, said to the user when <see cref="Pattern"/> does not match (e.g. "two letters and four digits").</summary>
    public string? PatternHint { get; init; }

    /// <summary>Longest accepted text, in characters (default <see cref="DefaultMaxLength"/>).</summary>
    public int MaxLength { get; init; } = DefaultMaxLength;

    /// <summary>The value shown when the form is first offered (and taken when an optional field is left empty); null for none.</summary>
    public string? Default { get; init; }

    /// <summary>The allowed values, shown as a select; null for a free field.</summary>
    public IReadOnlyList<FieldChoice>? Choices { get; init; }

    /// <summary>A sentence shown under the field.</summary>
    public string? Help { get; init; }

    /// <summary>
    /// True (default): when the step is shown again, the field holds the value of the same name in the running
    /// composite's pool (what the user typed last, or what the port carried in). False: always <see cref="Default"/>.
    /// </summary>
    public bool KeepValue { get; init; } = true;

    /// <summary>The label shown to the user: <see cref="Label"/>, else the name in words ("productId" → "Product id").</summary>
    public string DisplayLabel => Label ?? FieldNames.Humanize(Name);

    /// <summary>A text field.</summary>
    public static InputField Text(string name, bool required = true, string? label = null) => new(name, InputFieldType.Text, typeof(string), required, label);

    /// <summary>A whole-number field, optionally bounded (inclusive).</summary>
    public static InputField Number(string name, bool required = true, string? label = null, long? min = null, long? max = null) =>
        new(name, InputFieldType.Number, typeof(long), required, label) { Min = min, Max = max };

    /// <summary>A text field limited to <paramref name="choices"/>, shown as a select.</summary>
    public static InputField Choice(string name, IReadOnlyList<FieldChoice> choices, bool required = true, string? label = null) =>
        new(name, InputFieldType.Choice, typeof(string), required, label) { Choices = choices };

    /// <summary>A hidden whole-number field.</summary>
    public static InputField HiddenNumber(string name) => new(name, InputFieldType.Hidden, typeof(long), true);
}
