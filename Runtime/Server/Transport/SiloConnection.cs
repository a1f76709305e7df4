using System.Net;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// <see cref="ISiloConnection"/>: owns at most one live <see cref="ClientConnection"/> and replaces it on the next send
/// after a loss. Failed attempts back off exponentially (<see cref="TransportOptions.ReconnectBackoffMin"/> doubling up
/// to <see cref="TransportOptions.ReconnectBackoffMax"/>); during a backoff, sends fail fast with
/// <see cref="TransportConnectException"/> instead of hammering the peer.
/// </summary>
internal sealed class SiloConnection : ISiloConnection
{
    private readonly TransportOptions _options;
    private readonly byte[] _key;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly Action<ClientConnection> _onClosed;
    private ClientConnection? _current;
    private long _nextCorrelationId;
    private int _failedAttempts;
    private long _retryAt;
    private volatile bool _disposed;

    public SiloConnection(EndPoint endPoint, TransportOptions options, byte[] key, ILogger logger)
    {
        RemoteEndPoint = endPoint;
        _options = options;
        _key = key;
        _logger = logger;
        _onClosed = closed => Interlocked.CompareExchange(ref _current, null, closed);
    }

    public EndPoint RemoteEndPoint { get; }

    public bool IsConnected => Volatile.Read(ref _current) is { IsClosed: false };

    public PeerInfo? Peer => Volatile.Read(ref _current) is { IsClosed: false } current ? current.Peer : null;

    public async ValueTask ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await GetLiveSlowAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<ResponseFrame> SendRequestAsync(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        SendRequestAsync(header, body, _options.DefaultRequestTimeout, cancellationToken);

    public Task<ResponseFrame> SendRequestAsync(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The request timeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckSize(header, body);
        var deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
        var id = Interlocked.Increment(ref _nextCorrelationId);
        var live = Volatile.Read(ref _current);
        if (live is { IsClosed: false })
        {
            return live.SendRequestAsync(id, header, body, deadline, timeout, cancellationToken);
        }

        return SendRequestAfterConnectAsync(id, header, body, deadline, timeout, cancellationToken);
    }

    public async ValueTask SendOneWayAsync(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckSize(header, body);
        var live = Volatile.Read(ref _current);
        if (live is not { IsClosed: false })
        {
            live = await GetLiveSlowAsync(cancellationToken).ConfigureAwait(false);
        }

        await live.SendOneWayAsync(header, body, cancellationToken).ConfigureAwait(false);
    }

    public async Task PingAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The ping timeout must be positive.");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = Environment.TickCount64;
        try
        {
            var live = Volatile.Read(ref _current);
            if (live is not { IsClosed: false })
            {
                live = await GetLiveSlowAsync(deadline.Token).ConfigureAwait(false);
            }

            var remaining = timeout - TimeSpan.FromMilliseconds(Environment.TickCount64 - started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TransportTimeoutException($"No pong from {RemoteEndPoint} within {timeout}.");
            }

            await live.PingAsync(remaining, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransportTimeoutException($"No pong from {RemoteEndPoint} within {timeout}.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var current = Interlocked.Exchange(ref _current, null);
            if (current is not null)
            {
                await current.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Aborts the current connection without a goodbye (synchronous disposal paths).</summary>
    internal void Abort()
    {
        _disposed = true;
        Interlocked.Exchange(ref _current, null)?.Abort(new ObjectDisposedException(nameof(ISiloConnection)), notify: false);
    }

    private async Task<ResponseFrame> SendRequestAfterConnectAsync(long id, ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, long deadline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var live = await GetLiveSlowAsync(cancellationToken).ConfigureAwait(false);
        return await live.SendRequestAsync(id, header, body, deadline, timeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ClientConnection> GetLiveSlowAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var live = Volatile.Read(ref _current);
            if (live is { IsClosed: false })
            {
                return live;
            }

            var wait = _retryAt - Environment.TickCount64;
            if (wait > 0)
            {
                throw new TransportConnectException(
                    $"Not connecting to {RemoteEndPoint}: backing off after {_failedAttempts} failed attempt(s); next attempt in {TimeSpan.FromMilliseconds(wait)}.");
            }

            TransportLog.Connecting(_logger, RemoteEndPoint);
            try
            {
                live = await ClientConnection.ConnectAsync(RemoteEndPoint, _options, _key, _logger, _onClosed, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _failedAttempts++;
                var backoff = Backoff(_failedAttempts);
                _retryAt = Environment.TickCount64 + (long)backoff.TotalMilliseconds;
                if (ex is TransportHandshakeException handshake)
                {
                    TransportLog.ClientHandshakeFailed(_logger, RemoteEndPoint, handshake.Reason, handshake.Message);
                    throw;
                }

                TransportLog.ConnectFailed(_logger, RemoteEndPoint, _failedAttempts, backoff, ex);
                if (ex is TransportException)
                {
                    throw;
                }

                throw new TransportConnectException($"Connecting to {RemoteEndPoint} failed: {ex.Message}", ex);
            }

            _failedAttempts = 0;
            _retryAt = 0;
            Volatile.Write(ref _current, live);
            live.Start();
            TransportLog.Connected(_logger, live.Peer?.NodeId ?? "?", RemoteEndPoint, _options.UseTls);
            return live;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private TimeSpan Backoff(int failedAttempts)
    {
        var min = _options.ReconnectBackoffMin;
        var max = _options.ReconnectBackoffMax;
        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var millis = Math.Min(min.TotalMilliseconds * factor, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(millis);
    }

    private void CheckSize(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body)
    {
        var size = (long)header.Length + body.Length;
        if (size > _options.MaxFrameSize)
        {
            throw new FrameTooLargeException(size, _options.MaxFrameSize);
        }
    }
}
