namespace OrleansPlatform.Grains.Sessions;

/// <summary>The application is not registered.</summary>
[GenerateSerializer]
[Alias("op.ApplicationNotFoundException")]
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
