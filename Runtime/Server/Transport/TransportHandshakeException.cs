namespace OrleansPlatform.Runtime.Transport;

/// <summary>The connection handshake failed; nothing was sent over the connection. Never contains the secret.</summary>
public sealed class TransportHandshakeException : TransportException
{
    /// <summary>Creates the exception.</summary>
    public TransportHandshakeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransportHandshakeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TransportHandshakeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public TransportHandshakeException(HandshakeFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the handshake failed.</summary>
    public HandshakeFailureReason Reason { get; } = HandshakeFailureReason.ProtocolError;
}
