namespace OrleansPlatform.Grains.Sessions;

/// <summary>The application is disabled (or draining, for new sessions): it accepts no new sessions, and when disabled immediately no interactions either.</summary>
[GenerateSerializer]
[Alias("op.ApplicationDisabledException")]
public sealed class ApplicationDisabledException : Exception
{
    public ApplicationDisabledException()
    {
    }

    public ApplicationDisabledException(string message)
        : base(message)
    {
    }

    public ApplicationDisabledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The application refused.</summary>
    [Id(0)]
    public string ApplicationId { get; init; } = string.Empty;
}
