using System.Net;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// A logical, self-healing connection to one remote endpoint. It connects (TCP, optional TLS, handshake) on first use
/// and again on the next send after a loss, with a bounded exponential backoff between failed attempts. Many requests
/// are multiplexed over it concurrently, matched to responses by correlation id. Thread-safe.
/// </summary>
public interface ISiloConnection : IAsyncDisposable
{
    /// <summary>The remote endpoint.</summary>
    EndPoint RemoteEndPoint { get; }

    /// <summary>True while an authenticated connection is up.</summary>
    bool IsConnected { get; }

    /// <summary>The authenticated peer of the current connection, or null when not connected.</summary>
    PeerInfo? Peer { get; }

    /// <summary>
    /// Connects now instead of on the first send (idempotent while connected). Throws <see cref="TransportConnectException"/> or
    /// <see cref="TransportHandshakeException"/> (e.g. <see cref="HandshakeFailureReason.AuthenticationFailed"/>).
    /// </summary>
    ValueTask ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a request and waits for its response. Fails with <see cref="TransportTimeoutException"/> when no response
    /// arrives within <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/> for none), with
    /// <see cref="ConnectionLostException"/> as soon as the connection is lost, with <see cref="TransportConnectException"/>
    /// or <see cref="TransportHandshakeException"/> when (re)connecting fails, with <see cref="FrameTooLargeException"/>
    /// when the frame exceeds <see cref="TransportOptions.MaxFrameSize"/>, and is canceled by
    /// <paramref name="cancellationToken"/>. <paramref name="header"/> and <paramref name="body"/> must not change until
    /// the task completes. The response's memory belongs to the caller.
    /// </summary>
    Task<ResponseFrame> SendRequestAsync(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Sends a request with <see cref="TransportOptions.DefaultRequestTimeout"/>.</summary>
    Task<ResponseFrame> SendRequestAsync(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a one-way frame; completes once it has been handed to the socket (delivery is not acknowledged). Fails
    /// like <see cref="SendRequestAsync(ReadOnlyMemory{byte}, ReadOnlyMemory{byte}, TimeSpan, CancellationToken)"/>
    /// when the connection cannot be used.
    /// </summary>
    ValueTask SendOneWayAsync(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks that the peer answers: (re)connects if needed, sends a ping and waits for its pong, all within
    /// <paramref name="timeout"/>. Fails with <see cref="TransportTimeoutException"/> when the whole exchange takes longer,
    /// with <see cref="ConnectionLostException"/> when the connection is lost meanwhile, with
    /// <see cref="TransportConnectException"/> or <see cref="TransportHandshakeException"/> when connecting fails, and is
    /// canceled by <paramref name="cancellationToken"/>. Used by membership to probe other silos.
    /// </summary>
    Task PingAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
