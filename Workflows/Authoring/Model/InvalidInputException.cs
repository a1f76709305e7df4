namespace OrleansPlatform.Workflows.Model;

/// <summary>
/// Inputs of an action are missing or malformed: <see cref="Errors"/> says what is wrong with each (in declaration
/// order), <see cref="Field"/> names the first, and the message lists them all.
/// </summary>
[GenerateSerializer]
[Alias("op.InvalidInputException")]
public sealed class InvalidInputException : Exception
{
    public InvalidInputException()
    {
    }

    public InvalidInputException(string message)
        : base(message)
    {
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The first input field at fault ("" when unknown).</summary>
    [Id(0)]
    public string Field { get; init; } = string.Empty;

    /// <summary>Each field at fault with a sentence for the user, shown next to the field ("Quantity must be at least 1 (got 0).").</summary>
    [Id(1)]
    public Dictionary<string, string>? Errors { get; init; }

    /// <summary>The exception for <paramref name="field"/> with <paramref name="problem"/> (e.g. "is required.").</summary>
    public static InvalidInputException For(string field, string problem) => ForFields([(field, FieldNames.Humanize(field), problem)]);

    /// <summary>The exception for <paramref name="field"/> labelled <paramref name="label"/> with <paramref name="problem"/>.</summary>
    public static InvalidInputException For(string field, string label, string problem) => ForFields([(field, label, problem)]);

    /// <summary>The exception for several fields at once: each with its label and its problem.</summary>
    public static InvalidInputException ForFields(IEnumerable<(string Field, string Label, string Problem)> problems)
    {
        var list = problems.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one field must be at fault.", nameof(problems));
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, label, problem) in list)
        {
            errors.TryAdd(field, $"{label} {problem}");
        }

        return new(string.Join(" ", list.Select(p => $"Input '{p.Field}' {p.Problem}")))
        {
            Field = list[0].Field,
            Errors = errors,
        };
    }
}
