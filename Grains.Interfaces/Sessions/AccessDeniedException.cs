namespace OrleansPlatform.Grains.Sessions;

/// <summary>The signed-in user lacks a role the application requires.</summary>
[GenerateSerializer]
[Alias("op.AccessDeniedException")]
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException()
    {
    }

    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
