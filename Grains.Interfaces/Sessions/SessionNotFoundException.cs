namespace OrleansPlatform.Grains.Sessions;

/// <summary>The session was never started or has ended.</summary>
[GenerateSerializer]
[Alias("op.SessionNotFoundException")]
public sealed class SessionNotFoundException : Exception
{
    public SessionNotFoundException()
    {
    }

    public SessionNotFoundException(string message)
        : base(message)
    {
    }

    public SessionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
