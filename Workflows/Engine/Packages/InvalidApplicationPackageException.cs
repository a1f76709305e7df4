namespace OrleansPlatform.Workflows.Packages;

/// <summary>An application package was refused; <see cref="Problems"/> lists every problem found.</summary>
public sealed class InvalidApplicationPackageException : Exception
{
    public InvalidApplicationPackageException()
    {
    }

    public InvalidApplicationPackageException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public InvalidApplicationPackageException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public InvalidApplicationPackageException(string package, IReadOnlyList<string> problems)
        : base($"Application package '{package}' was refused ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Select(p => " - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Every problem: the package's own (not found, no entry point, an entry point that threw) and every validation problem of its definitions.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}
