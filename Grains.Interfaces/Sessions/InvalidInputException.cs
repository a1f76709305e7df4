namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// An input of an action is missing or malformed. The message reads "Input 'field' ..." and names what is wrong;
/// <see cref="Field"/> is parsed back from it, since exceptions cross silos by message only.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException()
    {
    }

    public InvalidInputException(string message)
        : base(message)
    {
        Field = Parse(message);
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = Parse(message);
    }

    /// <summary>The input field at fault ("" when unknown).</summary>
    public string Field { get; } = string.Empty;

    /// <summary>The exception for <paramref name="field"/> with <paramref name="problem"/> (e.g. "is required").</summary>
    public static InvalidInputException For(string field, string problem) => new($"Input '{field}' {problem}");

    private static string Parse(string? message)
    {
        const string Prefix = "Input '";
        if (message is null || !message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var end = message.IndexOf('\'', Prefix.Length);
        return end < 0 ? string.Empty : message[Prefix.Length..end];
    }
}
