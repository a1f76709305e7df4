using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansPlatform.Workflows.Model;

/// <summary>
/// The server-side checks of <see cref="InputField"/> declarations: the same properties the page renders as HTML
/// attributes, so a browser that skips its own checks (or a JSON client) meets the same rules.
/// </summary>
public static class InputChecks
{
    /// <summary>How long a field's pattern may run on one value before the value is refused.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Checks <paramref name="raw"/> (trimmed; empty or absent takes <see cref="InputField.Default"/>) against
    /// <paramref name="field"/>: the problem (a phrase after the field's name, e.g. "is required.") or null, and the
    /// parsed value (null for an empty optional field).
    /// </summary>
    public static string? Check(InputField field, string? raw, out object? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        value = null;
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            text = field.Default;
        }

        if (string.IsNullOrEmpty(text))
        {
            return field.Required ? "is required." : null;
        }

        if (text.Length > field.MaxLength)
        {
            return $"is longer than {field.MaxLength} characters.";
        }

        if (field.ValueType == typeof(long))
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return $"must be a whole number (got '{Shorten(text)}').";
            }

            if (number < field.Min || number > field.Max)
            {
                return Bounds(field, number);
            }

            value = number;
            return null;
        }

        if (field.Choices is { } choices && !choices.Any(c => c.Value == text))
        {
            return $"must be one of {string.Join(", ", choices.Select(c => c.Label))} (got '{Shorten(text)}').";
        }

        if (field.Pattern is { } pattern && !Matches(text, pattern))
        {
            return field.PatternHint is { } hint ? $"must be {hint}." : $"must match the pattern {pattern}.";
        }

        value = text;
        return null;
    }

    /// <summary>
    /// Checks every input of <paramref name="action"/> and returns the parsed values, or throws one
    /// <see cref="InvalidInputException"/> naming every field that is wrong (inputs not declared are ignored).
    /// </summary>
    public static IReadOnlyDictionary<string, object> Parse(ActionDefinition action, IReadOnlyDictionary<string, string?> inputs)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(inputs);
        var parsed = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<(InputField Field, string Problem)>();
        foreach (var field in action.Inputs)
        {
            var problem = Check(field, inputs.TryGetValue(field.Name, out var raw) ? raw : null, out var value);
            if (problem is not null)
            {
                problems.Add((field, problem));
            }
            else if (value is not null)
            {
                parsed[field.Name] = value;
            }
        }

        return problems.Count == 0 ? parsed : throw InvalidInputException.ForFields(problems.Select(p => (p.Field.Name, p.Field.DisplayLabel, p.Problem)));
    }

    /// <summary>What is wrong with the declaration of <paramref name="field"/> itself (empty when it is sound).</summary>
    public static IReadOnlyList<string> DeclarationProblems(InputField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var problems = new List<string>();
        if (field.Min > field.Max)
        {
            problems.Add($"min {field.Min} is above max {field.Max}.");
        }

        if ((field.Min is not null || field.Max is not null) && field.ValueType != typeof(long))
        {
            problems.Add("min and max apply to number fields only.");
        }

        if (field.MaxLength < 1)
        {
            problems.Add($"max length {field.MaxLength} is below 1.");
        }

        if (field.Pattern is { } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, PatternTimeout);
            }
            catch (ArgumentException exception)
            {
                problems.Add($"pattern '{pattern}' is not a regular expression ({exception.Message}).");
            }
        }

        if (field.Choices is { Count: 0 })
        {
            problems.Add("declares choices but none.");
        }

        if (field.Choices is { } choices && choices.GroupBy(c => c.Value, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            problems.Add("declares the same choice value twice.");
        }

        if ((field.FieldType == InputFieldType.Choice) != (field.Choices is not null))
        {
            problems.Add("a choice field needs choices, and only a choice field may have them.");
        }

        if (field.Default is { } fallback && problems.Count == 0 && Check(field, fallback, out _) is { } wrong)
        {
            problems.Add($"default '{fallback}' {wrong}");
        }

        return problems;
    }

    private static string Bounds(InputField field, long number) => (field.Min, field.Max) switch
    {
        ({ } min, { } max) => $"must be between {min} and {max} (got {number}).",
        ({ } min, null) => $"must be at least {min} (got {number}).",
        (null, { } max) => $"must be at most {max} (got {number}).",
        _ => "is out of range.",
    };

    // Anchored like HTML's pattern attribute, so the browser and the server accept the same values.
    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.None, PatternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
