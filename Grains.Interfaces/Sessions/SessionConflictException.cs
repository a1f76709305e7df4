namespace OrleansPlatform.Grains.Sessions;

/// <summary>The session record changed underneath this activation (an ETag conflict): nothing was applied; the caller retries and the session answers from the stored record.</summary>
[GenerateSerializer]
[Alias("op.SessionConflictException")]
public sealed class SessionConflictException : Exception
{
    public SessionConflictException()
    {
    }

    public SessionConflictException(string message)
        : base(message)
    {
    }

    public SessionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
