namespace OrleansPlatform.Cli;

/// <summary>
/// Why a command was refused: the API's problem answer (status, title, detail), or a failure before there was an
/// answer (the Gateway unreachable, a name the CLI could not resolve). Rendered as the one stderr line.
/// </summary>
/// <param name="Status">The HTTP status, or null when no answer came.</param>
/// <param name="Message">What went wrong, e.g. <c>Unknown application: There is no application 'nope'.</c></param>
internal sealed record ApiProblem(int? Status, string Message)
{
    /// <summary>A failure with no HTTP answer behind it.</summary>
    public static ApiProblem Local(string message) => new(null, message);

    /// <summary>The line after <c>oplat: </c>: the status first, so scripts can grep it.</summary>
    public override string ToString() => Status is { } status ? $"{status} {Message}" : Message;
}
