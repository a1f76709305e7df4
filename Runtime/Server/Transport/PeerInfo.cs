using System.Net;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>The authenticated identity of the remote side of a connection, established by the handshake.</summary>
public sealed class PeerInfo
{
    /// <summary>Creates peer information.</summary>
    public PeerInfo(string clusterId, string nodeId, EndPoint? remoteEndPoint, string connectionId, bool isTls)
    {
        ClusterId = clusterId;
        NodeId = nodeId;
        RemoteEndPoint = remoteEndPoint;
        ConnectionId = connectionId;
        IsTls = isTls;
    }

    /// <summary>The peer's cluster id (always equal to the local one once authenticated).</summary>
    public string ClusterId { get; }

    /// <summary>The peer's node id as it announced it.</summary>
    public string NodeId { get; }

    /// <summary>The remote network address, when known.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>An id for the connection, for logs.</summary>
    public string ConnectionId { get; }

    /// <summary>True when the connection is encrypted with TLS.</summary>
    public bool IsTls { get; }

    /// <inheritdoc />
    public override string ToString() => $"{NodeId}@{RemoteEndPoint} ({ConnectionId})";
}
