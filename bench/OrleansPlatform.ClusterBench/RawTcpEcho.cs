using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// The baseline: a plain <see cref="Socket"/> echo server on loopback. It writes back whatever bytes it reads, with no
/// framing, no parsing and no thread hand-off (one receive/send loop per connection).
/// </summary>
internal sealed class RawEchoServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _accepted = [];
    private Task _acceptLoop = Task.CompletedTask;

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public static RawEchoServer Start()
    {
        var server = new RawEchoServer();
        server._listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server._listener.Listen(16);
        server._acceptLoop = server.AcceptLoopAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        lock (_accepted)
        {
            foreach (var socket in _accepted)
            {
                socket.Dispose();
            }
        }

        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            socket.NoDelay = true;
            lock (_accepted)
            {
                _accepted.Add(socket);
            }

            _ = EchoAsync(socket);
        }
    }

    private async Task EchoAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                await RawSocket.SendAllAsync(socket, buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Connection closed or server stopping.
        }
    }
}

internal static class RawSocket
{
    public static async Task<Socket> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint).ConfigureAwait(false);
        return socket;
    }

    public static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[sent..];
        }
    }
}

/// <summary>Sequential baseline client: send one message, read the same number of bytes back, repeat.</summary>
internal sealed class RawEchoClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _request;
    private readonly byte[] _response;

    private RawEchoClient(Socket socket, int messageBytes)
    {
        _socket = socket;
        _request = new byte[messageBytes];
        _response = new byte[messageBytes];
        _request.AsSpan().Fill((byte)'x');
    }

    public static async Task<RawEchoClient> ConnectAsync(IPEndPoint endPoint, int messageBytes) =>
        new(await RawSocket.ConnectAsync(endPoint).ConfigureAwait(false), messageBytes);

    public async Task RoundTripAsync()
    {
        await RawSocket.SendAllAsync(_socket, _request, CancellationToken.None).ConfigureAwait(false);
        var received = 0;
        while (received < _response.Length)
        {
            var read = await _socket.ReceiveAsync(_response.AsMemory(received), SocketFlags.None).ConfigureAwait(false);
            received += read > 0 ? read : throw new IOException("The echo server closed the connection.");
        }
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>
/// Pipelined baseline client: many requests in flight over one connection, as the transport multiplexes them. Fixed-size
/// messages start with the caller's slot number (one outstanding request per slot); one writer loop batches queued
/// messages into few sends, one reader loop completes each slot's task as its echo comes back (continuations run
/// asynchronously, so callers never run on the reader loop).
/// </summary>
internal sealed class RawMultiplexClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly int _messageBytes;
    private readonly TaskCompletionSource[] _pending;
    private readonly Channel<int> _outgoing = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private readonly Task _reader;

    private RawMultiplexClient(Socket socket, int messageBytes, int slots)
    {
        _socket = socket;
        _messageBytes = messageBytes;
        _pending = new TaskCompletionSource[slots];
        _writer = WriteLoopAsync();
        _reader = ReadLoopAsync();
    }

    public static async Task<RawMultiplexClient> ConnectAsync(IPEndPoint endPoint, int messageBytes, int slots) =>
        new(await RawSocket.ConnectAsync(endPoint).ConfigureAwait(false), messageBytes, slots);

    public Task RoundTripAsync(int slot)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pending[slot], completion);
        _outgoing.Writer.TryWrite(slot);
        return completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        foreach (var loop in new[] { _writer, _reader })
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
            {
                // Stopping.
            }
        }

        _stop.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new byte[Math.Max(64 * 1024, _messageBytes)];
        var reader = _outgoing.Reader;
        while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            var length = 0;
            while (length + _messageBytes <= buffer.Length && reader.TryRead(out var slot))
            {
                var message = buffer.AsSpan(length, _messageBytes);
                message.Fill((byte)'x');
                BinaryPrimitives.WriteInt32LittleEndian(message, slot);
                length += _messageBytes;
            }

            await RawSocket.SendAllAsync(_socket, buffer.AsMemory(0, length), _stop.Token).ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            var read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The echo server closed the connection.");
            }

            filled += read;
            var offset = 0;
            while (filled - offset >= _messageBytes)
            {
                var slot = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(offset));
                Volatile.Read(ref _pending[slot]).TrySetResult();
                offset += _messageBytes;
            }

            buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
            filled -= offset;
        }
    }
}
