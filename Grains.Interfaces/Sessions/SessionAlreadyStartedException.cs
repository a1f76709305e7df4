namespace OrleansPlatform.Grains.Sessions;

/// <summary>Start was called on a session that is already live.</summary>
[GenerateSerializer]
[Alias("op.SessionAlreadyStartedException")]
public sealed class SessionAlreadyStartedException : Exception
{
    public SessionAlreadyStartedException()
    {
    }

    public SessionAlreadyStartedException(string message)
        : base(message)
    {
    }

    public SessionAlreadyStartedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
