namespace OrleansPlatform.Grains.Sessions;

/// <summary>The session or application needs a signed-in user and the call came from an anonymous one (the Gateway asks to sign in).</summary>
[GenerateSerializer]
[Alias("op.SignInRequiredException")]
public sealed class SignInRequiredException : Exception
{
    public SignInRequiredException()
    {
    }

    public SignInRequiredException(string message)
        : base(message)
    {
    }

    public SignInRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
