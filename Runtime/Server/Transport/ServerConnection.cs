using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// The accepted side of one authenticated connection: a read loop that dispatches request/one-way frames to the
/// thread pool, bounded by <see cref="TransportOptions.MaxInFlightRequestsPerConnection"/> (when all slots are taken the
/// loop stops reading, so the pipe and then TCP push back on the peer), with responses written through one writer.
/// </summary>
internal sealed class ServerConnection
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly ConnectionContext _connection;
    private readonly PeerInfo _peer;
    private readonly IFrameHandler _handler;
    private readonly FrameWriter _writer;
    private readonly FrameReader _reader;
    private readonly TransportOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime;
    private readonly CancellationToken _token;
    private readonly SemaphoreSlim _slots;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _active;
    private volatile bool _closing;

    public ServerConnection(
        ConnectionContext connection,
        PeerInfo peer,
        IFrameHandler handler,
        FrameWriter writer,
        TransportOptions options,
        ILogger logger,
        CancellationTokenSource lifetime)
    {
        _connection = connection;
        _peer = peer;
        _handler = handler;
        _writer = writer;
        _options = options;
        _logger = logger;
        _lifetime = lifetime;
        _token = lifetime.Token;
        _reader = new FrameReader(connection.Transport.Input, options.MaxFrameSize, pooled: true);
        _slots = new SemaphoreSlim(options.MaxInFlightRequestsPerConnection, options.MaxInFlightRequestsPerConnection);
    }

    public async Task RunAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                // Backpressure: no slot, no read.
                await _slots.WaitAsync(_token).ConfigureAwait(false);
                ReceivedFrame frame;
                try
                {
                    frame = await _reader.ReadFrameAsync(_token).ConfigureAwait(false);
                }
                catch
                {
                    _slots.Release();
                    throw;
                }

                if (frame.IsEndOfStream)
                {
                    _slots.Release();
                    break;
                }

                switch (frame.Kind)
                {
                    case FrameKind.Request:
                    case FrameKind.OneWay:
                        Interlocked.Increment(ref _active);
                        ThreadPool.UnsafeQueueUserWorkItem(new InboundRequest(this, frame), preferLocal: false);
                        continue;
                    case FrameKind.Ping:
                        _slots.Release();
                        frame.Release();
                        WritePong(frame.CorrelationId);
                        continue;
                    case FrameKind.Close:
                        _slots.Release();
                        frame.Release();
                        break;
                    default:
                        _slots.Release();
                        frame.Release();
                        TransportLog.UnexpectedFrame(_logger, frame.Kind, _connection.ConnectionId);
                        continue;
                }

                break;
            }
        }
        catch (OperationCanceledException) when (_token.IsCancellationRequested)
        {
            // Closing: the peer went away or the server is shutting down.
        }
        catch (FrameTooLargeException ex)
        {
            TransportLog.FrameTooLarge(_logger, _connection.ConnectionId, _peer.RemoteEndPoint, ex.Size, ex.MaxSize);
        }
        catch (InvalidFrameException ex)
        {
            TransportLog.InvalidFrame(_logger, _connection.ConnectionId, _peer.RemoteEndPoint, ex.Message);
        }
        catch (Exception ex)
        {
            error = ex;
        }

        await CloseAsync(error).ConfigureAwait(false);
    }

    private async Task CloseAsync(Exception? error)
    {
        _closing = true;
        try
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }

        if (Volatile.Read(ref _active) > 0)
        {
            try
            {
                await _drained.Task.WaitAsync(DrainTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                TransportLog.DrainTimedOut(_logger, _connection.ConnectionId, Volatile.Read(ref _active));
            }
        }

        TransportLog.ConnectionClosed(_logger, _connection.ConnectionId, _peer.RemoteEndPoint, error);
    }

    private void WritePong(long correlationId)
    {
        try
        {
            var write = _writer.WriteAsync(FrameKind.Pong, FrameFlags.None, correlationId, default, default, null, _token);
            if (!write.IsCompletedSuccessfully)
            {
                _ = ObserveAsync(write);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            CancelLifetime();
        }
    }

    private async Task ObserveAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception)
        {
            CancelLifetime();
        }
    }

    private void CancelLifetime()
    {
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection is already gone.
        }
    }

    /// <summary>Runs one handler invocation on the thread pool and writes its response.</summary>
    internal async Task ProcessAsync(ReceivedFrame frame)
    {
        try
        {
            ResponseFrame? response = null;
            var failed = false;
            try
            {
                response = await _handler.HandleAsync(frame.ToInbound(), _peer, _token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failed = true;
                TransportLog.HandlerFailed(_logger, frame.Kind, frame.CorrelationId, _connection.ConnectionId, ex);
            }

            if (frame.Kind != FrameKind.Request || _token.IsCancellationRequested)
            {
                return;
            }

            var value = failed ? new ResponseFrame(default, default, isError: true) : response.GetValueOrDefault();
            var size = (long)value.Header.Length + value.Body.Length;
            if (size > _options.MaxFrameSize)
            {
                TransportLog.ResponseTooLarge(_logger, frame.CorrelationId, _connection.ConnectionId, size, _options.MaxFrameSize);
                value = new ResponseFrame(default, default, isError: true);
            }

            try
            {
                await _writer.WriteAsync(
                    FrameKind.Response,
                    value.IsError ? FrameFlags.Error : FrameFlags.None,
                    frame.CorrelationId,
                    value.Header,
                    value.Body,
                    null,
                    _token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The connection is broken (or closing); the read loop ends and the peer fails its pending requests.
                TransportLog.ConnectionClosed(_logger, _connection.ConnectionId, _peer.RemoteEndPoint, ex);
                _connection.Abort();
            }
        }
        finally
        {
            frame.Release();
            _slots.Release();
            if (Interlocked.Decrement(ref _active) == 0 && _closing)
            {
                _drained.TrySetResult();
            }
        }
    }
}
