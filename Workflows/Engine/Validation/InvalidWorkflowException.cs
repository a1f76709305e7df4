namespace OrleansPlatform.Workflows.Validation;

/// <summary>An application failed validation; <see cref="Problems"/> lists every problem found.</summary>
[GenerateSerializer]
[Alias("op.InvalidWorkflowException")]
public sealed class InvalidWorkflowException : Exception
{
    public InvalidWorkflowException()
    {
    }

    public InvalidWorkflowException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public InvalidWorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public InvalidWorkflowException(string application, IReadOnlyList<string> problems)
        : base($"Application '{application}' is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Select(p => " - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Every problem, each naming the step and port at fault.</summary>
    [Id(0)]
    public IReadOnlyList<string> Problems { get; } = [];
}
