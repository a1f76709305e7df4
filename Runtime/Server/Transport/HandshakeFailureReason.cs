namespace OrleansPlatform.Runtime.Transport;

/// <summary>Why a connection handshake failed.</summary>
public enum HandshakeFailureReason
{
    /// <summary>The peer's proof did not verify: it does not know the cluster secret.</summary>
    AuthenticationFailed,

    /// <summary>The peer belongs to another cluster.</summary>
    ClusterMismatch,

    /// <summary>The peer sent something other than a valid handshake.</summary>
    ProtocolError,

    /// <summary>The handshake did not complete within <see cref="TransportOptions.HandshakeTimeout"/>.</summary>
    Timeout,

    /// <summary>The peer closed the connection during the handshake (it may have rejected us).</summary>
    ConnectionClosed,
}
