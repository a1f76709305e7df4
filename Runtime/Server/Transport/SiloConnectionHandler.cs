using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// The Kestrel connection handler of the transport: runs the handshake, then reads frames and dispatches requests and
/// one-way frames to the <see cref="IFrameHandler"/>. Plug it into any Kestrel endpoint with
/// <c>listenOptions.UseSiloTransport()</c> (which also applies TLS) or <c>UseConnectionHandler&lt;SiloConnectionHandler&gt;()</c>,
/// or let <see cref="TransportListener"/> host it.
/// </summary>
public sealed class SiloConnectionHandler : ConnectionHandler
{
    private readonly IFrameHandler _handler;
    private readonly TransportOptions _options;
    private readonly byte[] _key;
    private readonly ILogger _logger;

    /// <summary>Creates the handler; throws <see cref="OptionsValidationException"/> for invalid options.</summary>
    public SiloConnectionHandler(IFrameHandler handler, IOptions<TransportOptions> options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        _handler = handler;
        _options = options.Value;
        TransportOptionsValidator.ThrowIfInvalid(_options);
        _key = HandshakeProof.DeriveKey(_options.ClusterSecret);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SiloConnectionHandler>();
    }

    /// <inheritdoc />
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var closeRequested = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, closeRequested);
        var remote = connection.RemoteEndPoint;
        TransportLog.ConnectionAccepted(_logger, connection.ConnectionId, remote);

        var isTls = connection.Features.Get<ITlsHandshakeFeature>() is not null;
        var writer = new FrameWriter(connection.Transport.Output, _options.MaxFrameSize, lifetime.Token);
        PeerInfo peer;
        try
        {
            var handshakeReader = new FrameReader(connection.Transport.Input, HandshakeProtocol.MaxHandshakeFrameSize, pooled: false);
            peer = await HandshakeProtocol.RunAsync(
                handshakeReader, writer, HandshakeRole.Server, _options, _key, remote, connection.ConnectionId, isTls, lifetime.Token).ConfigureAwait(false);
        }
        catch (TransportHandshakeException ex)
        {
            TransportLog.HandshakeFailed(_logger, connection.ConnectionId, remote, ex.Reason, ex.Message);
            return;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            TransportLog.ConnectionClosed(_logger, connection.ConnectionId, remote, ex);
            return;
        }

        TransportLog.HandshakeSucceeded(_logger, connection.ConnectionId, remote, peer.NodeId);
        var serverConnection = new ServerConnection(connection, peer, _handler, writer, _options, _logger, lifetime);
        await serverConnection.RunAsync().ConfigureAwait(false);
    }
}
