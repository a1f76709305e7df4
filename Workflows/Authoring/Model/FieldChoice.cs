namespace OrleansPlatform.Workflows.Model;

/// <summary>One allowed value of a choice field: what is sent (<paramref name="Value"/>) and what the user reads.</summary>
public sealed record FieldChoice(string Value, string Label)
{
    /// <summary>A choice whose label is its value.</summary>
    public static FieldChoice Of(string value) => new(value, value);
}
