using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Silo.Hosting.Security;

/// <summary>
/// Connection middleware (every silo and client connection, inside TLS when TLS is on): before Orleans' own preamble,
/// both ends prove they hold the cluster secret. Each sends a magic marker and a fresh 32-byte nonce, then an HMAC-SHA256
/// over its role, its nonce and the peer's nonce; each checks the other's proof in constant time. A peer without the
/// secret, a replayed proof, or one that stalls past the timeout gets its connection closed and never reaches Orleans.
/// </summary>
internal sealed partial class ClusterSecretHandshake
{
    private const int NonceLength = 32;
    private const int ProofLength = 32;
    private static readonly byte[] Magic = "OPCS1"u8.ToArray();

    private readonly byte[] key;
    private readonly TimeSpan timeout;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public ClusterSecretHandshake(string secret, TimeSpan timeout, TimeProvider time, ILogger logger)
    {
        key = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        this.timeout = timeout;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The middleware for connections this side accepts (<paramref name="accepting"/>) or opens.</summary>
    public Func<ConnectionDelegate, ConnectionDelegate> Middleware(bool accepting) => next => async connection =>
    {
        bool proven;
        using (var deadline = new CancellationTokenSource(timeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, connection.ConnectionClosed))
        {
            try
            {
                proven = await ProveAsync(connection.Transport, accepting, linked.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException or ConnectionResetException)
            {
                proven = false;
            }
        }

        if (!proven)
        {
            LogRefused(logger, connection.RemoteEndPoint?.ToString() ?? "(unknown)", accepting ? "inbound" : "outbound");
            connection.Abort(new ConnectionAbortedException("The peer did not prove the cluster secret."));
            return;
        }

        await next(connection);
    };

    internal async Task<bool> ProveAsync(IDuplexPipe transport, bool accepting, CancellationToken cancellationToken)
    {
        var ourNonce = RandomNumberGenerator.GetBytes(NonceLength);
        await transport.Output.WriteAsync(Concat(Magic, ourNonce), cancellationToken);

        var hello = await ReadExactlyAsync(transport.Input, Magic.Length + NonceLength, cancellationToken);
        if (hello is null || !hello.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return false;
        }

        var theirNonce = hello[Magic.Length..];
        await transport.Output.WriteAsync(Proof(accepting, ourNonce, theirNonce), cancellationToken);

        var theirProof = await ReadExactlyAsync(transport.Input, ProofLength, cancellationToken);
        return theirProof is not null && CryptographicOperations.FixedTimeEquals(theirProof, Proof(!accepting, theirNonce, ourNonce));
    }

    // The role is part of the proof, so a proof cannot be reflected back to the side that sent the nonce.
    private byte[] Proof(bool fromAcceptingSide, byte[] senderNonce, byte[] receiverNonce) =>
        HMACSHA256.HashData(key, Concat(Magic, [fromAcceptingSide ? (byte)'S' : (byte)'C'], senderNonce, receiverNonce));

    // Reads exactly count bytes and leaves whatever follows (Orleans' preamble) unread in the pipe.
    private static async Task<byte[]?> ReadExactlyAsync(PipeReader input, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length >= count)
            {
                var bytes = buffer.Slice(0, count).ToArray();
                input.AdvanceTo(buffer.GetPosition(count));
                return bytes;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static byte[] Concat(params byte[][] parts)
    {
        var all = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(all, offset);
            offset += part.Length;
        }

        return all;
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "Closed an {Direction} connection with {Peer}: it did not prove the cluster secret")]
    private static partial void LogRefused(ILogger logger, string peer, string direction);
}
