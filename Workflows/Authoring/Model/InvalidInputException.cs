namespace OrleansPlatform.Workflows.Model;

/// <summary>An input of an action is missing or malformed; <see cref="Field"/> names it and the message says what is wrong.</summary>
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

    /// <summary>The input field at fault ("" when unknown).</summary>
    [Id(0)]
    public string Field { get; init; } = string.Empty;

    /// <summary>The exception for <paramref name="field"/> with <paramref name="problem"/> (e.g. "is required").</summary>
    public static InvalidInputException For(string field, string problem) => new($"Input '{field}' {problem}") { Field = field };
}
