using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using OrleansPlatform.Runtime.Transport;
using static OrleansPlatform.Runtime.Tests.Transport.TransportTestKit;

namespace OrleansPlatform.Runtime.Tests.Transport;

public class ConnectionLossTests
{
    [Fact(Timeout = 60_000)]
    public async Task Stopping_the_server_fails_pending_requests_fast_and_the_client_reconnects_after_restart()
    {
        var entered = 0;
        var handler = new DelegateFrameHandler(async (frame, _, ct) =>
        {
            if (Text(frame.Body) == "block")
            {
                Interlocked.Increment(ref entered);
                await Task.Delay(Timeout.Infinite, ct);
            }

            return new ResponseFrame(default, frame.Body);
        });
        var listener = await StartListenerAsync(handler);
        var port = listener.BoundEndPoint!.Port;
        await using var pool = SiloTransport.CreateConnectionPool(Options("client"));
        var connection = pool.GetConnection(new IPEndPoint(IPAddress.Loopback, port));
        var requestTimeout = TimeSpan.FromSeconds(60);

        var pending = new Task<ResponseFrame>[5];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = connection.SendRequestAsync(default, Utf8("block"), requestTimeout);
        }

        await WaitUntilAsync(() => Volatile.Read(ref entered) == pending.Length, "all requests are being handled");
        var stopwatch = Stopwatch.StartNew();
        await listener.DisposeAsync();
        foreach (var request in pending)
        {
            await Assert.ThrowsAsync<ConnectionLostException>(() => request.WaitAsync(Bound));
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"pending requests failed only after {stopwatch.Elapsed}");
        await WaitUntilAsync(() => !connection.IsConnected, "the client notices the loss");

        await using var restarted = await StartListenerAsync(handler, port: port);
        var response = await connection.SendRequestAsync(default, Utf8("back"), Bound);

        Assert.Equal("back", Text(response.Body));
        Assert.True(connection.IsConnected);
    }

    [Fact(Timeout = 30_000)]
    public async Task Failed_connects_back_off_and_fail_fast_in_between()
    {
        var port = FreePort();
        await using var connection = SiloTransport.CreateConnection(
            new IPEndPoint(IPAddress.Loopback, port),
            Options("client", o => o.ReconnectBackoffMin = o.ReconnectBackoffMax = TimeSpan.FromSeconds(30)));

        await Assert.ThrowsAsync<TransportConnectException>(() => connection.SendRequestAsync(default, Utf8("x"), Bound));
        var second = await Assert.ThrowsAsync<TransportConnectException>(() => connection.SendRequestAsync(default, Utf8("x"), Bound));

        Assert.Contains("backing off", second.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Silent_peer_is_detected_by_ping()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var blackHole = RunBlackHoleAsync(server);
        var endPoint = (IPEndPoint)server.LocalEndpoint;
        await using var connection = SiloTransport.CreateConnection(endPoint, Options("client", o =>
        {
            o.PingInterval = TimeSpan.FromMilliseconds(200);
            o.PingTimeout = TimeSpan.FromMilliseconds(400);
        }));

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<ConnectionLostException>(() => connection.SendRequestAsync(default, Utf8("x"), TimeSpan.FromSeconds(60)).WaitAsync(Bound));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"detected only after {stopwatch.Elapsed}");
        server.Stop();
        await blackHole.WaitAsync(Bound);
    }

    /// <summary>Accepts one connection, completes the server handshake, then never reads or writes again.</summary>
    private static async Task RunBlackHoleAsync(TcpListener server)
    {
        using var client = await server.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var input = PipeReader.Create(stream);
        var output = PipeWriter.Create(stream);
        var options = Options("black-hole");
        await HandshakeProtocol.RunAsync(
            new FrameReader(input, HandshakeProtocol.MaxHandshakeFrameSize, pooled: false),
            new FrameWriter(output, options.MaxFrameSize, CancellationToken.None),
            HandshakeRole.Server,
            options,
            HandshakeProof.DeriveKey(options.ClusterSecret),
            client.Client.RemoteEndPoint,
            "black-hole",
            isTls: false,
            CancellationToken.None);
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            // Swallow the request and pings without answering, until the client gives up and closes.
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
