using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// The second baseline: the runtime's own transport without the grain runtime. A <see cref="TransportListener"/> in this
/// process answers every request with its own header and body (an echo handler); the client is
/// <see cref="SiloTransport.CreateConnection"/>, i.e. the same connection type the cluster client uses (handshake,
/// framing, correlation ids, response timeout), over loopback.
/// </summary>
internal sealed class TransportEcho : IAsyncDisposable
{
    private readonly TransportListener _listener;
    private readonly ISiloConnection _connection;

    private TransportEcho(TransportListener listener, ISiloConnection connection)
    {
        _listener = listener;
        _connection = connection;
    }

    public ISiloConnection Connection => _connection;

    public static async Task<TransportEcho> StartAsync(CancellationToken cancellationToken)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var listener = new TransportListener(
            new IPEndPoint(IPAddress.Loopback, 0),
            new EchoHandler(),
            Options.Create(new TransportOptions { ClusterId = "clusterbench-echo", ClusterSecret = secret, NodeId = "echo-server" }));
        await listener.StartAsync(cancellationToken).ConfigureAwait(false);
        var connection = SiloTransport.CreateConnection(
            listener.BoundEndPoint!,
            new TransportOptions { ClusterId = "clusterbench-echo", ClusterSecret = secret, NodeId = "echo-client" });
        await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return new TransportEcho(listener, connection);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class EchoHandler : IFrameHandler
    {
        public ValueTask<ResponseFrame?> HandleAsync(InboundFrame frame, PeerInfo peer, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ResponseFrame?>(new ResponseFrame(frame.Header, frame.Body));
    }
}
