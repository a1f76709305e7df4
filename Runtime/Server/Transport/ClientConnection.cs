using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// One physical, authenticated outbound connection: a socket (optionally TLS) with pipes over it, a read loop that
/// completes pending requests by correlation id, and a maintenance loop for request timeouts and pings. When it is
/// lost, every pending request fails at once with <see cref="ConnectionLostException"/>. Never reused after loss.
/// </summary>
internal sealed class ClientConnection : IAsyncDisposable
{
    private static readonly TimeSpan MaintenancePeriod = TimeSpan.FromMilliseconds(50);
    private static long s_connectionCounter;

    private readonly EndPoint _endPoint;
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly FrameWriter _writer;
    private readonly TransportOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<long, PendingRequest> _pending = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _pings = new();
    private readonly Action<ClientConnection>? _onClosed;
    private long _lastReceived = Environment.TickCount64;
    private long _pingSentAt;
    private long _pingId;
    private long _explicitPingId;
    private int _closed;
    private bool _disposing;
    private Task _readLoop = Task.CompletedTask;
    private Task _maintenanceLoop = Task.CompletedTask;

    private ClientConnection(EndPoint endPoint, Stream stream, TransportOptions options, ILogger logger, Action<ClientConnection>? onClosed)
    {
        _endPoint = endPoint;
        _stream = stream;
        _options = options;
        _logger = logger;
        _onClosed = onClosed;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));
        _writer = new FrameWriter(_output, options.MaxFrameSize, _lifetime.Token);
        ConnectionId = "out-" + Interlocked.Increment(ref s_connectionCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public string ConnectionId { get; }

    public PeerInfo? Peer { get; private set; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public int PendingCount => _pending.Count;

    /// <summary>Connects, negotiates TLS when configured and runs the handshake. The returned connection is not started.</summary>
    public static async Task<ClientConnection> ConnectAsync(
        EndPoint endPoint,
        TransportOptions options,
        byte[] key,
        ILogger logger,
        Action<ClientConnection>? onClosed,
        CancellationToken cancellationToken)
    {
        var socket = endPoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        Stream? stream = null;
        ClientConnection? connection = null;
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(options.ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(endPoint, connectTimeout.Token).ConfigureAwait(false);
                    stream = new NetworkStream(socket, ownsSocket: true);
                    if (options.UseTls)
                    {
                        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                        stream = ssl;
                        await ssl.AuthenticateAsClientAsync(
                            new SslClientAuthenticationOptions
                            {
                                TargetHost = options.TlsTargetHost ?? TargetHostOf(endPoint),
                                RemoteCertificateValidationCallback = options.RemoteCertificateValidation,
                            },
                            connectTimeout.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TransportConnectException($"Connecting to {endPoint} did not complete within {options.ConnectTimeout}.", ex);
                }
                catch (SocketException ex)
                {
                    throw new TransportConnectException($"Connecting to {endPoint} failed: {ex.SocketErrorCode}.", ex);
                }
                catch (AuthenticationException ex)
                {
                    throw new TransportConnectException($"TLS negotiation with {endPoint} failed: {ex.Message}", ex);
                }
                catch (IOException ex)
                {
                    throw new TransportConnectException($"Connecting to {endPoint} failed: {ex.Message}", ex);
                }
            }

            connection = new ClientConnection(endPoint, stream, options, logger, onClosed);
            var handshakeReader = new FrameReader(connection._input, HandshakeProtocol.MaxHandshakeFrameSize, pooled: false);
            connection.Peer = await HandshakeProtocol.RunAsync(
                handshakeReader, connection._writer, HandshakeRole.Client, options, key, endPoint, connection.ConnectionId, options.UseTls, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            if (connection is not null)
            {
                connection.Abort(null, notify: false);
            }
            else if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>Starts the read and maintenance loops.</summary>
    public void Start()
    {
        _lastReceived = Environment.TickCount64;
        _readLoop = Task.Run(ReadLoopAsync);
        _maintenanceLoop = Task.Run(MaintenanceLoopAsync);
    }

    public Task<ResponseFrame> SendRequestAsync(long id, ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, long deadline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = new PendingRequest(this, id, deadline, timeout);
        if (cancellationToken.CanBeCanceled)
        {
            pending.RegisterCancellation(cancellationToken);
            if (pending.Task.IsCompleted)
            {
                return pending.Task;
            }
        }

        _pending[id] = pending;
        if (IsClosed)
        {
            RemovePending(id);
            pending.Fail(Lost(null));
            return pending.Task;
        }

        ValueTask write;
        try
        {
            write = _writer.WriteAsync(FrameKind.Request, FrameFlags.None, id, header, body, pending.Task, cancellationToken);
        }
        catch (Exception ex)
        {
            OnWriteFailed(pending, ex);
            return pending.Task;
        }

        if (write.IsCompletedSuccessfully)
        {
            write.GetAwaiter().GetResult();
        }
        else
        {
            _ = ObserveWriteAsync(write, pending);
        }

        return pending.Task;
    }

    public async ValueTask SendOneWayAsync(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteAsync(FrameKind.OneWay, FrameFlags.None, 0, header, body, null, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not FrameTooLargeException)
        {
            Abort(ex);
            throw Lost(ex);
        }
    }

    /// <summary>
    /// Sends a <see cref="FrameKind.Ping"/> and waits for its <see cref="FrameKind.Pong"/>. Explicit pings use negative
    /// correlation ids, so they never match the keep-alive pings of the maintenance loop (positive ids).
    /// </summary>
    public async Task PingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = -Interlocked.Increment(ref _explicitPingId);
        var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pings[id] = pong;
        try
        {
            if (IsClosed)
            {
                throw Lost(null);
            }

            SendControl(FrameKind.Ping, id);
            await pong.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TransportTimeoutException($"No pong from {_endPoint} within {timeout}.");
        }
        finally
        {
            _pings.TryRemove(id, out _);
        }
    }

    internal void RemovePending(long id) => _pending.TryRemove(id, out _);

    private async Task ObserveWriteAsync(ValueTask write, PendingRequest pending)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            OnWriteFailed(pending, ex);
        }
    }

    private void OnWriteFailed(PendingRequest pending, Exception exception)
    {
        if (exception is OperationCanceledException && pending.Task.IsCompleted)
        {
            return; // the caller canceled while waiting for the writer
        }

        RemovePending(pending.Id);
        pending.Fail(Lost(exception));
        Abort(exception);
    }

    private ConnectionLostException Lost(Exception? reason) =>
        new($"The connection to {_endPoint} was lost before the response arrived.", reason);

    private async Task ReadLoopAsync()
    {
        var reader = new FrameReader(_input, _options.MaxFrameSize, pooled: false);
        Exception? reason = null;
        try
        {
            while (true)
            {
                var frame = await reader.ReadFrameAsync(_lifetime.Token).ConfigureAwait(false);
                if (frame.IsEndOfStream)
                {
                    reason = new IOException("The peer closed the connection.");
                    break;
                }

                Volatile.Write(ref _lastReceived, Environment.TickCount64);
                switch (frame.Kind)
                {
                    case FrameKind.Response:
                        if (_pending.TryRemove(frame.CorrelationId, out var pending))
                        {
                            pending.Complete(new ResponseFrame(frame.HeaderBlob, frame.Body, (frame.Header.Flags & FrameFlags.Error) != 0));
                        }
                        else
                        {
                            TransportLog.OrphanResponse(_logger, frame.CorrelationId, _endPoint);
                        }

                        continue;
                    case FrameKind.Pong:
                        if (_pings.TryRemove(frame.CorrelationId, out var pong))
                        {
                            pong.TrySetResult();
                        }

                        continue;
                    case FrameKind.Ping:
                        SendControl(FrameKind.Pong, frame.CorrelationId);
                        continue;
                    case FrameKind.Close:
                        reason = new IOException("The peer closed the connection.");
                        break;
                    default:
                        TransportLog.UnexpectedFrame(_logger, frame.Kind, ConnectionId);
                        continue;
                }

                break;
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (FrameTooLargeException ex)
        {
            TransportLog.ClientFrameTooLarge(_logger, _endPoint, ex.Size, ex.MaxSize);
            reason = ex;
        }
        catch (Exception ex)
        {
            reason = ex;
        }

        Abort(reason);
        await _input.CompleteAsync().ConfigureAwait(false);
    }

    private async Task MaintenanceLoopAsync()
    {
        using var timer = new PeriodicTimer(MaintenancePeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(_lifetime.Token).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                if (!_pending.IsEmpty)
                {
                    ExpireRequests(now);
                }

                if (_options.PingInterval > TimeSpan.Zero && !CheckPing(now))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ExpireRequests(long now)
    {
        foreach (var entry in _pending)
        {
            if (entry.Value.Deadline <= now && _pending.TryRemove(entry.Key, out var expired))
            {
                expired.Fail(new TransportTimeoutException($"No response from {_endPoint} within {expired.Timeout} (request {expired.Id})."));
            }
        }
    }

    /// <summary>Returns false when the connection was declared dead.</summary>
    private bool CheckPing(long now)
    {
        var lastReceived = Volatile.Read(ref _lastReceived);
        if (_pingSentAt != 0)
        {
            if (lastReceived >= _pingSentAt)
            {
                _pingSentAt = 0;
            }
            else if (now - _pingSentAt >= (long)_options.PingTimeout.TotalMilliseconds)
            {
                TransportLog.PingTimedOut(_logger, _endPoint, _options.PingTimeout);
                Abort(new TimeoutException($"No answer from {_endPoint} within {_options.PingTimeout} after a ping."));
                return false;
            }
        }

        if (_pingSentAt == 0 && now - lastReceived >= (long)_options.PingInterval.TotalMilliseconds)
        {
            _pingSentAt = now;
            SendControl(FrameKind.Ping, ++_pingId);
        }

        return true;
    }

    private void SendControl(FrameKind kind, long id)
    {
        try
        {
            var write = _writer.WriteAsync(kind, FrameFlags.None, id, default, default, null, _lifetime.Token);
            if (write.IsCompletedSuccessfully)
            {
                write.GetAwaiter().GetResult();
            }
            else
            {
                _ = ObserveControlAsync(write);
            }
        }
        catch (Exception ex)
        {
            Abort(ex);
        }
    }

    private async Task ObserveControlAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Abort(ex);
        }
    }

    /// <summary>Closes the connection once: cancels the loops, fails every pending request now, releases the socket.</summary>
    public void Abort(Exception? reason, bool notify = true)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            _lifetime.Cancel();
        }
        catch (AggregateException)
        {
        }

        if (notify && !_disposing)
        {
            TransportLog.ConnectionLost(_logger, _endPoint, _pending.Count, reason);
        }

        foreach (var entry in _pending)
        {
            if (_pending.TryRemove(entry.Key, out var pending))
            {
                pending.Fail(Lost(reason));
            }
        }

        foreach (var entry in _pings)
        {
            if (_pings.TryRemove(entry.Key, out var ping))
            {
                ping.TrySetException(Lost(reason));
            }
        }

        if (notify)
        {
            _onClosed?.Invoke(this);
        }

        _stream.Dispose();
    }

    /// <summary>Sends a best-effort Close frame, then aborts and waits (bounded) for the loops.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        if (!IsClosed)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _writer.WriteAsync(FrameKind.Close, FrameFlags.None, 0, default, default, null, timeout.Token)
                    .AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Best effort.
            }
        }

        Abort(new ObjectDisposedException(nameof(ISiloConnection)));
        try
        {
            await Task.WhenAll(_readLoop, _maintenanceLoop).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Loops end on their own; nothing to report.
        }

        _lifetime.Dispose();
    }

    private static string TargetHostOf(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => dns.Host,
        IPEndPoint ip => ip.Address.ToString(),
        _ => endPoint.ToString() ?? string.Empty,
    };
}
