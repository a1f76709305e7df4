namespace OrleansPlatform.Runtime.Transport;

/// <summary>A request got no response within its timeout. The request may or may not have run on the peer.</summary>
public sealed class TransportTimeoutException : TransportException
{
    /// <summary>Creates the exception.</summary>
    public TransportTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransportTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TransportTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
