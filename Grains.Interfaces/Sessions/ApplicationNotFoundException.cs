namespace OrleansPlatform.Grains.Sessions;

/// <summary>The application is not registered or is disabled.</summary>
public sealed class ApplicationNotFoundException : Exception
{
    public ApplicationNotFoundException()
    {
    }

    public ApplicationNotFoundException(string message)
        : base(message)
    {
    }

    public ApplicationNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
