namespace OrleansPlatform.Runtime;

/// <summary>A grain call got no response within its response timeout. The call may or may not have run.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public GrainCallTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainCallTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GrainCallTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
