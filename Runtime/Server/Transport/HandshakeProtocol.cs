using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// The connection handshake, run by both sides before any other frame:
/// each side sends <see cref="FrameKind.Hello"/> (role, cluster id, node id, 32-byte random nonce), checks the peer's
/// cluster id, sends <see cref="FrameKind.Proof"/> (HMAC over the peer's nonce, see <see cref="HandshakeProof"/>) and
/// verifies the peer's proof. Both directions are authenticated; the secret never crosses the wire.
/// </summary>
internal static class HandshakeProtocol
{
    /// <summary>Handshake frames are tiny; anything larger is garbage.</summary>
    public const int MaxHandshakeFrameSize = 2048;

    public static async Task<PeerInfo> RunAsync(
        FrameReader reader,
        FrameWriter writer,
        HandshakeRole role,
        TransportOptions options,
        byte[] key,
        EndPoint? remoteEndPoint,
        string connectionId,
        bool isTls,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HandshakeTimeout);
        var token = timeout.Token;
        try
        {
            var nonce = HandshakeProof.CreateNonce();
            await writer.WriteAsync(FrameKind.Hello, FrameFlags.None, 0, default, EncodeHello(role, options.ClusterId, options.NodeId, nonce), null, token).ConfigureAwait(false);

            var helloFrame = await ReadExpectedAsync(reader, FrameKind.Hello, token).ConfigureAwait(false);
            var hello = DecodeHello(helloFrame.Body.Span);
            var expectedPeerRole = role == HandshakeRole.Client ? HandshakeRole.Server : HandshakeRole.Client;
            if (hello.Role != expectedPeerRole)
            {
                throw new TransportHandshakeException(HandshakeFailureReason.ProtocolError, $"The peer announced role {hello.Role}, expected {expectedPeerRole}.");
            }

            if (!string.Equals(hello.ClusterId, options.ClusterId, StringComparison.Ordinal))
            {
                if (role == HandshakeRole.Server)
                {
                    // Let the client see our Hello (and decide for itself) instead of resetting under its feet.
                    await DrainOneFrameAsync(reader, token).ConfigureAwait(false);
                }

                throw new TransportHandshakeException(
                    HandshakeFailureReason.ClusterMismatch,
                    $"The peer '{hello.NodeId}' belongs to cluster '{hello.ClusterId}', not '{options.ClusterId}'.");
            }

            var proof = HandshakeProof.Compute(key, role, options.ClusterId, options.NodeId, hello.NodeId, hello.Nonce);
            await writer.WriteAsync(FrameKind.Proof, FrameFlags.None, 0, default, proof, null, token).ConfigureAwait(false);

            var proofFrame = await ReadExpectedAsync(reader, FrameKind.Proof, token).ConfigureAwait(false);
            if (!HandshakeProof.Verify(key, expectedPeerRole, options.ClusterId, hello.NodeId, options.NodeId, nonce, proofFrame.Body.Span))
            {
                throw new TransportHandshakeException(
                    HandshakeFailureReason.AuthenticationFailed,
                    $"The peer '{hello.NodeId}' failed to prove knowledge of the cluster secret.");
            }

            return new PeerInfo(hello.ClusterId, hello.NodeId, remoteEndPoint, connectionId, isTls);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TransportHandshakeException(HandshakeFailureReason.Timeout, $"The handshake did not complete within {options.HandshakeTimeout}.", ex);
        }
        catch (TransportHandshakeException)
        {
            throw;
        }
        catch (FrameTooLargeException ex)
        {
            throw new TransportHandshakeException(HandshakeFailureReason.ProtocolError, "The peer sent an oversized handshake frame.", ex);
        }
        catch (InvalidFrameException ex)
        {
            throw new TransportHandshakeException(HandshakeFailureReason.ProtocolError, "The peer sent an invalid handshake: " + ex.Message, ex);
        }
        catch (IOException ex)
        {
            throw new TransportHandshakeException(HandshakeFailureReason.ConnectionClosed, "The connection failed during the handshake: " + ex.Message, ex);
        }
    }

    private static async Task<ReceivedFrame> ReadExpectedAsync(FrameReader reader, FrameKind kind, CancellationToken token)
    {
        var frame = await reader.ReadFrameAsync(token).ConfigureAwait(false);
        if (frame.IsEndOfStream)
        {
            throw new TransportHandshakeException(HandshakeFailureReason.ConnectionClosed, "The peer closed the connection during the handshake (it may have rejected this node's credentials).");
        }

        if (frame.Kind != kind)
        {
            throw new TransportHandshakeException(HandshakeFailureReason.ProtocolError, $"Expected a {kind} frame during the handshake, got {frame.Kind}.");
        }

        return frame;
    }

    private static async Task DrainOneFrameAsync(FrameReader reader, CancellationToken token)
    {
        try
        {
            await reader.ReadFrameAsync(token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TransportException or IOException or OperationCanceledException)
        {
            // Best effort only.
        }
    }

    internal static byte[] EncodeHello(HandshakeRole role, string clusterId, string nodeId, byte[] nonce)
    {
        var cluster = Encoding.UTF8.GetBytes(clusterId);
        var node = Encoding.UTF8.GetBytes(nodeId);
        var data = new byte[1 + 2 + cluster.Length + 2 + node.Length + nonce.Length];
        var span = data.AsSpan();
        span[0] = (byte)role;
        BinaryPrimitives.WriteUInt16LittleEndian(span[1..], (ushort)cluster.Length);
        cluster.CopyTo(span[3..]);
        var offset = 3 + cluster.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)node.Length);
        node.CopyTo(span[(offset + 2)..]);
        nonce.CopyTo(span[(offset + 2 + node.Length)..]);
        return data;
    }

    internal static (HandshakeRole Role, string ClusterId, string NodeId, byte[] Nonce) DecodeHello(ReadOnlySpan<byte> data)
    {
        try
        {
            var role = (HandshakeRole)data[0];
            var clusterLength = BinaryPrimitives.ReadUInt16LittleEndian(data[1..]);
            var clusterId = Encoding.UTF8.GetString(data.Slice(3, clusterLength));
            var offset = 3 + clusterLength;
            var nodeLength = BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
            var nodeId = Encoding.UTF8.GetString(data.Slice(offset + 2, nodeLength));
            offset += 2 + nodeLength;
            if (data.Length - offset != HandshakeProof.NonceSize || clusterLength > TransportOptions.MaxIdLength || nodeLength > TransportOptions.MaxIdLength)
            {
                throw new InvalidFrameException("Malformed Hello frame.");
            }

            return (role, clusterId, nodeId, data[offset..].ToArray());
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InvalidFrameException("Malformed Hello frame.", ex);
        }
        catch (IndexOutOfRangeException ex)
        {
            throw new InvalidFrameException("Malformed Hello frame.", ex);
        }
    }
}
