using System.Net.Sockets;
using OrleansPlatform.Runtime.Transport;
using static OrleansPlatform.Runtime.Tests.Transport.TransportTestKit;

namespace OrleansPlatform.Runtime.Tests.Transport;

public class HandshakeTests
{
    [Fact(Timeout = 30_000)]
    public async Task Wrong_secret_is_refused_with_a_typed_error_and_never_dispatched_or_logged()
    {
        const string wrongSecret = "a-completely-different-secret-42";
        var logs = new CapturingLoggerFactory();
        var handler = DelegateFrameHandler.Echo();
        await using var listener = await StartListenerAsync(handler, loggerFactory: logs);
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("intruder", o => o.ClusterSecret = wrongSecret), logs);

        var ex = await Assert.ThrowsAsync<TransportHandshakeException>(() => connection.SendRequestAsync(default, Utf8("x"), Bound));

        Assert.Equal(HandshakeFailureReason.AuthenticationFailed, ex.Reason);
        await WaitUntilAsync(() => logs.Entries.Any(e => e.EventId == 3004 && e.Text.Contains("AuthenticationFailed", StringComparison.Ordinal)), "the server logs the refusal");
        Assert.Equal(0, handler.Calls);
        Assert.False(logs.AnyContains(Secret));
        Assert.False(logs.AnyContains(wrongSecret));
        Assert.False(connection.IsConnected);
    }

    [Fact(Timeout = 30_000)]
    public async Task Wrong_cluster_id_is_refused()
    {
        var logs = new CapturingLoggerFactory();
        var handler = DelegateFrameHandler.Echo();
        await using var listener = await StartListenerAsync(handler, loggerFactory: logs);
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("stranger", o => o.ClusterId = "other-cluster"));

        var ex = await Assert.ThrowsAsync<TransportHandshakeException>(() => connection.SendRequestAsync(default, Utf8("x"), Bound));

        Assert.Equal(HandshakeFailureReason.ClusterMismatch, ex.Reason);

        // Both sides check the ids; whichever notices first closes, so the server logs either the mismatch or the close.
        await WaitUntilAsync(() => logs.Entries.Any(e => e.EventId == 3004), "the server logs the refusal");
        Assert.Equal(0, handler.Calls);
    }

    [Fact(Timeout = 30_000)]
    public async Task Garbage_bytes_close_the_connection_and_the_server_keeps_serving()
    {
        var logs = new CapturingLoggerFactory();
        var handler = DelegateFrameHandler.Echo();
        await using var listener = await StartListenerAsync(handler, loggerFactory: logs);

        using (var raw = new TcpClient())
        {
            await raw.ConnectAsync(listener.BoundEndPoint!);
            var stream = raw.GetStream();
            await stream.WriteAsync(Utf8("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n"));
            await ReadUntilClosedAsync(stream);
        }

        await WaitUntilAsync(() => logs.Entries.Any(e => e.EventId == 3004 && e.Text.Contains("ProtocolError", StringComparison.Ordinal)), "the server logs the refusal");
        Assert.Equal(0, handler.Calls);
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("client"));
        Assert.Equal("fine", Text((await connection.SendRequestAsync(default, Utf8("fine"), Bound)).Body));
    }

    [Fact(Timeout = 30_000)]
    public async Task Silent_client_is_closed_after_the_handshake_timeout()
    {
        var logs = new CapturingLoggerFactory();
        await using var listener = await StartListenerAsync(DelegateFrameHandler.Echo(), o => o.HandshakeTimeout = TimeSpan.FromMilliseconds(300), logs);
        using var raw = new TcpClient();
        await raw.ConnectAsync(listener.BoundEndPoint!);

        await ReadUntilClosedAsync(raw.GetStream());

        await WaitUntilAsync(() => logs.Entries.Any(e => e.EventId == 3004 && e.Text.Contains("Timeout", StringComparison.Ordinal)), "the server logs the timeout");
    }

    /// <summary>Reads (the server's Hello, then nothing) until the server closes; bounded.</summary>
    private static async Task ReadUntilClosedAsync(NetworkStream stream)
    {
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset also counts as closed.
        }
    }
}
