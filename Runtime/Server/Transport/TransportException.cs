namespace OrleansPlatform.Runtime.Transport;

/// <summary>The base of all transport failures.</summary>
public class TransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransportException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
