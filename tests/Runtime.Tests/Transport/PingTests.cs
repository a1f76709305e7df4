using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrleansPlatform.Runtime.Transport;
using static OrleansPlatform.Runtime.Tests.Transport.TransportTestKit;

namespace OrleansPlatform.Runtime.Tests.Transport;

public class PingTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_ping_connects_if_needed_and_is_answered()
    {
        await using var listener = await StartListenerAsync(DelegateFrameHandler.Echo());
        await using var pool = SiloTransport.CreateConnectionPool(Options("client"));
        var connection = pool.GetConnection(listener.BoundEndPoint!);

        await connection.PingAsync(TimeSpan.FromSeconds(5));
        Assert.True(connection.IsConnected);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => connection.PingAsync(TimeSpan.FromSeconds(5))));

        var response = await connection.SendRequestAsync(default, Utf8("still fine"), Bound);
        Assert.Equal("still fine", Text(response.Body));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_ping_to_a_stopped_peer_fails_fast()
    {
        var listener = await StartListenerAsync(DelegateFrameHandler.Echo());
        var endPoint = listener.BoundEndPoint!;
        await using var pool = SiloTransport.CreateConnectionPool(Options("client"));
        var connection = pool.GetConnection(endPoint);
        await connection.PingAsync(TimeSpan.FromSeconds(5));

        await listener.DisposeAsync();
        await WaitUntilAsync(() => !connection.IsConnected, "the client notices the loss");
        var stopwatch = Stopwatch.StartNew();
        // Fails fast (connection refused), not at the ping's 30 s timeout.
        await Assert.ThrowsAnyAsync<TransportException>(() => connection.PingAsync(TimeSpan.FromSeconds(30)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"failed after {stopwatch.Elapsed}");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_ping_to_a_peer_that_never_answers_times_out_within_its_timeout()
    {
        // Accepts TCP connections but never speaks: the handshake cannot complete, so the ping's deadline applies.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        var acceptLoop = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await silent.AcceptSocketAsync());
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        });

        // The handshake would wait 30 s; ending well before that shows the ping's own 300 ms deadline applies
        // (the bound is loose on purpose: a loaded 2-core machine can delay any timer by seconds).
        await using var pool = SiloTransport.CreateConnectionPool(Options("client", o => o.HandshakeTimeout = TimeSpan.FromSeconds(30)));
        var connection = pool.GetConnection((IPEndPoint)silent.LocalEndpoint);
        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TransportTimeoutException>(() => connection.PingAsync(TimeSpan.FromMilliseconds(300)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"timed out after {stopwatch.Elapsed}");

        silent.Stop();
        await acceptLoop;
        foreach (var socket in accepted)
        {
            socket.Dispose();
        }
    }

    [Fact]
    public async Task A_non_positive_ping_timeout_is_rejected()
    {
        await using var connection = SiloTransport.CreateConnection(new IPEndPoint(IPAddress.Loopback, 1), Options("client"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => connection.PingAsync(TimeSpan.Zero));
    }
}
