namespace OrleansPlatform.Runtime.Transport;

/// <summary>The connection carrying a request was lost (peer closed, network error, ping timeout) before its response arrived. The request may or may not have run on the peer.</summary>
public sealed class ConnectionLostException : TransportException
{
    /// <summary>Creates the exception.</summary>
    public ConnectionLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConnectionLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ConnectionLostException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
