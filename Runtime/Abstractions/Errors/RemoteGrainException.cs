namespace OrleansPlatform.Runtime;

/// <summary>A grain on another silo threw an exception whose type is not known in this process; the original type name and message are kept.</summary>
public sealed class RemoteGrainException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteGrainException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RemoteGrainException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public RemoteGrainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a remote exception of type <paramref name="originalType"/>.</summary>
    public RemoteGrainException(string originalType, string message)
        : base($"{originalType}: {message}")
    {
        OriginalType = originalType;
        OriginalMessage = message;
    }

    /// <summary>The full name of the exception type thrown by the grain.</summary>
    public string? OriginalType { get; }

    /// <summary>The message of the original exception.</summary>
    public string? OriginalMessage { get; }
}
