namespace OrleansPlatform.Workflows.Model;

/// <summary>
/// An input of an action. Values are parsed to <paramref name="ValueType"/> (<see cref="string"/> or <see cref="long"/>)
/// and must match the type of the action port's parameter of the same name.
/// </summary>
public sealed record InputField(string Name, InputFieldType FieldType, Type ValueType, bool Required, string? Label = null)
{
    /// <summary>A text field.</summary>
    public static InputField Text(string name, bool required = true, string? label = null) => new(name, InputFieldType.Text, typeof(string), required, label);

    /// <summary>A whole-number field.</summary>
    public static InputField Number(string name, bool required = true, string? label = null) => new(name, InputFieldType.Number, typeof(long), required, label);

    /// <summary>A hidden whole-number field.</summary>
    public static InputField HiddenNumber(string name) => new(name, InputFieldType.Hidden, typeof(long), true);
}
