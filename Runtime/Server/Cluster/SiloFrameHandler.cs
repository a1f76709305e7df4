using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Broadcast;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Invocation;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Messaging;
using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>
/// Handles request frames from other silos and clients: grain calls (dispatched like local calls), the grain
/// manifest, and broadcasts. Bad input gets an error reply, never an exception that would drop the connection.
/// </summary>
internal sealed class SiloFrameHandler : IFrameHandler
{
    private static readonly ReadOnlyMemory<byte> s_notServing =
        RemoteSender.SerializeReply(new ReplyHeader { Status = ReplyStatus.Rejected, Reason = RejectReasons.NotServing });

    private readonly IGrainDispatcher _dispatcher;
    private readonly GrainInterfaceRegistry _interfaces;
    private readonly GrainTypeRegistry _types;
    private readonly ISiloMembership _membership;
    private readonly RemoteSender _sender;
    private readonly IBroadcastReceiver _broadcasts;
    private readonly ILogger<SiloFrameHandler> _logger;
    private readonly Lazy<byte[]> _manifest;
    private int _callsInFlight;
    private long _lastCallArrivalTick;

    public SiloFrameHandler(
        IGrainDispatcher dispatcher,
        GrainInterfaceRegistry interfaces,
        GrainTypeRegistry types,
        ISiloMembership membership,
        RemoteSender sender,
        IBroadcastReceiver broadcasts,
        ILogger<SiloFrameHandler> logger)
    {
        _dispatcher = dispatcher;
        _interfaces = interfaces;
        _types = types;
        _membership = membership;
        _sender = sender;
        _broadcasts = broadcasts;
        _logger = logger;
        _manifest = new Lazy<byte[]>(() => JsonSerializer.SerializeToUtf8Bytes(
            _types.SingleImplementations().ToDictionary(i => _interfaces.Get(i.Interface).InterfaceName, i => i.GrainType, StringComparer.Ordinal),
            MessagingJsonContext.Default.DictionaryStringString));
    }

    public async ValueTask<ResponseFrame?> HandleAsync(InboundFrame frame, PeerInfo peer, CancellationToken cancellationToken)
    {
        try
        {
            var header = JsonSerializer.Deserialize(frame.Header.Span, MessagingJsonContext.Default.CallHeader)
                ?? throw new JsonException("empty header");
            switch (header.Kind)
            {
                case MessageKind.Manifest:
                    return Ok(_manifest.Value);
                case MessageKind.Broadcast:
                    await _broadcasts.ReceiveAsync(header.Topic ?? string.Empty, frame.Body, cancellationToken);
                    return Ok(default);
                case MessageKind.Call:
                case MessageKind.OneWay:
                    Volatile.Write(ref _lastCallArrivalTick, Environment.TickCount64);
                    Interlocked.Increment(ref _callsInFlight);
                    try
                    {
                        return await HandleCallAsync(header, frame);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _callsInFlight);
                    }

                default:
                    throw new JsonException($"unknown message kind {(int)header.Kind}");
            }
        }
        catch (Exception exception) when (exception is JsonException or FormatException or ArgumentException or GrainTypeNotFoundException)
        {
            ClusterLog.BadFrame(_logger, exception, peer.RemoteEndPoint?.ToString() ?? "?");
            return Error(new ArgumentException($"Malformed request: {exception.Message}"));
        }
    }

    /// <summary>
    /// Waits (bounded) until no call is being handled and none has arrived for <paramref name="quiet"/>, so closing the
    /// endpoint cuts off no call: peers that have not yet seen this silo leave get a "not serving" answer they can retry
    /// elsewhere instead of a dropped connection.
    /// </summary>
    public async Task WaitForCallsToFinishAsync(TimeSpan quiet, TimeSpan within)
    {
        var deadline = Environment.TickCount64 + (long)within.TotalMilliseconds;
        while (Environment.TickCount64 < deadline
            && (Volatile.Read(ref _callsInFlight) > 0 || Environment.TickCount64 - Volatile.Read(ref _lastCallArrivalTick) < quiet.TotalMilliseconds))
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    private async Task<ResponseFrame?> HandleCallAsync(CallHeader header, InboundFrame frame)
    {
        if (!_membership.IsServing && _membership.LocalStatus != SiloStatus.ShuttingDown)
        {
            return new ResponseFrame(s_notServing, default);
        }

        var metadata = _interfaces.Find(header.Interface ?? string.Empty)
            ?? throw new GrainTypeNotFoundException($"Grain interface '{header.Interface}' is not known to this silo.");
        var request = metadata.CreateRequest(header.MethodId);
        var reader = new Utf8JsonReader(frame.Body.Span);
        reader.Read();
        request.ReadArguments(ref reader, _sender.Options);
        var targetId = GrainId.Parse(header.Target ?? string.Empty);

        if (header.Kind == MessageKind.OneWay)
        {
            _dispatcher.Dispatch(targetId, new OneWayWorkItem(request, targetId, _logger) { Hops = header.Hops, ArrivedPlaced = header.Placed });
            return null;
        }

        var item = new RemoteRequestWorkItem(request, targetId, header, frame.Body, _sender.Options);
        _dispatcher.Dispatch(targetId, item);
        var (reply, body) = await item.Reply.ConfigureAwait(false);
        return new ResponseFrame(RemoteSender.SerializeReply(reply), body);
    }

    private static ResponseFrame Ok(ReadOnlyMemory<byte> body) =>
        new(RemoteSender.SerializeReply(new ReplyHeader { Status = ReplyStatus.Ok }), body);

    private static ResponseFrame Error(Exception exception) =>
        new(RemoteSender.SerializeReply(RemoteExceptionCodec.Encode(exception)), default);
}
