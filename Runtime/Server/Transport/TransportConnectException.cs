namespace OrleansPlatform.Runtime.Transport;

/// <summary>A connection to the peer could not be established (refused, connect timeout, or the endpoint is in reconnect backoff).</summary>
public sealed class TransportConnectException : TransportException
{
    /// <summary>Creates the exception.</summary>
    public TransportConnectException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransportConnectException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TransportConnectException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
