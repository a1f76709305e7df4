namespace OrleansPlatform.Workflows.Model;

/// <summary>How an input field is shown (the <c>Type</c> of a view input).</summary>
public enum InputFieldType
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A whole number.</summary>
    Number,

    /// <summary>Not shown; set by the page (e.g. the id of the row an action belongs to).</summary>
    Hidden,

    /// <summary>One of the field's <see cref="InputField.Choices"/>, shown as a select.</summary>
    Choice,
}
