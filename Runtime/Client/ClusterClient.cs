using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Invocation;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Messaging;
using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.Runtime.Client;

/// <summary>
/// Sends each call to an active silo chosen by a stable hash of the grain id (the silo routes it on to the grain's
/// activation). Retry rule: a call is sent again only when it certainly did not run — the silo was unreachable
/// (nothing sent) or refused it without running it. A call lost with its silo after it was sent may have run, so it
/// fails with <see cref="SiloUnavailableException"/> and is never repeated here; callers that can repeat it safely
/// (for example session interactions carrying a sequence number) retry themselves.
/// </summary>
internal sealed partial class ClusterClient : IClusterClient, IGrainCallInvoker
{
    private readonly IMembershipView _membership;
    private readonly IConnectionPool _connections;
    private readonly GrainInterfaceRegistry _interfaces;
    private readonly RemoteSender _sender;
    private readonly ClusterClientOptions _options;
    private readonly ILogger<ClusterClient> _logger;
    private readonly ConcurrentDictionary<Type, (GrainInterfaceMetadata Metadata, string GrainType)> _byInterface = new();
    private readonly ConcurrentDictionary<string, bool> _droppedSilos = new(StringComparer.Ordinal);
    private readonly GracefulLeaves _leaves = new();
    private const int MaxKnownLocations = 100_000;
    private readonly ConcurrentDictionary<GrainId, string> _locations = new();
    private volatile Dictionary<string, string>? _manifest;

    public ClusterClient(
        IMembershipView membership,
        IConnectionPool connections,
        GrainInterfaceRegistry interfaces,
        RemoteSender sender,
        IOptions<ClusterClientOptions> options,
        ILogger<ClusterClient> logger)
    {
        _membership = membership;
        _connections = connections;
        _interfaces = interfaces;
        _sender = sender;
        _options = options.Value;
        _logger = logger;
        _membership.Changed += DropConnectionsToDeadSilos;
    }

    public IMembershipView Membership => _membership;

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey => Create<TGrainInterface>(key);

    public TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey => Create<TGrainInterface>(GrainId.EncodeKey(key));

    public TGrainInterface GetGrain<TGrainInterface>(long key)
        where TGrainInterface : IGrainWithIntegerKey => Create<TGrainInterface>(GrainId.EncodeKey(key));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain =>
        (TGrainInterface)(object)_interfaces.Get(typeof(TGrainInterface)).CreateReference(grainId, this);

    public async Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        var (reply, body) = await SendAsync(target.GrainId, request, MessageKind.Call).ConfigureAwait(false);
        return reply.Status == ReplyStatus.Ok ? _sender.DeserializeResult<TResult>(body) : throw RemoteExceptionCodec.Decode(reply);
    }

    public void InvokeOneWay(GrainReference target, GrainRequest request) =>
        _ = SendOneWayAsync(target.GrainId, request);

    /// <summary>Loads the grain manifest (interface to grain type) from an active silo.</summary>
    public async Task<Dictionary<string, string>> GetManifestAsync(CancellationToken cancellationToken = default)
    {
        if (_manifest is { } known)
        {
            return known;
        }

        var header = RemoteSender.SerializeHeader(new CallHeader { Kind = MessageKind.Manifest });
        var (reply, body) = await SendWithRetriesAsync(
            new GrainId("manifest", "0"),
            silo => _connections.GetConnection(silo.EndPoint).SendRequestAsync(header, default, _options.ResponseTimeout, cancellationToken)).ConfigureAwait(false);
        if (reply.Status != ReplyStatus.Ok)
        {
            throw RemoteExceptionCodec.Decode(reply);
        }

        return _manifest = JsonSerializer.Deserialize(body.Span, MessagingJsonContext.Default.DictionaryStringString) ?? [];
    }

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var (metadata, grainType) = _byInterface.GetOrAdd(typeof(TGrainInterface), type =>
        {
            var found = _interfaces.Get(type);

            // Loaded at start-up (ClusterClientStartup); only a client started before any silo blocks here, once.
            var manifest = _manifest ?? Task.Run(() => GetManifestAsync()).GetAwaiter().GetResult();
            return manifest.TryGetValue(found.InterfaceName, out var resolved)
                ? (found, resolved)
                : throw new GrainTypeNotFoundException($"No silo of the cluster hosts a grain class implementing {found.InterfaceName}.");
        });
        return (TGrainInterface)(object)metadata.CreateReference(new GrainId(grainType, key), this);
    }

    private Task<(ReplyHeader Reply, ReadOnlyMemory<byte> Body)> SendAsync(GrainId target, GrainRequest request, MessageKind kind)
    {
        var call = CallHeader.For(kind, target, request);
        call.TimeoutMs = (int)_options.ResponseTimeout.TotalMilliseconds;
        var header = RemoteSender.SerializeHeader(call);
        var arguments = _sender.SerializeArguments(request);
        return SendWithRetriesAsync(
            target,
            silo => _connections.GetConnection(silo.EndPoint).SendRequestAsync(header, arguments, _options.ResponseTimeout, request.CancellationToken));
    }

    private async Task SendOneWayAsync(GrainId target, GrainRequest request)
    {
        try
        {
            var header = RemoteSender.SerializeHeader(CallHeader.For(MessageKind.OneWay, target, request));
            var silo = await ChooseSiloAsync(target, attempt: 0).ConfigureAwait(false);
            await _connections.GetConnection(silo.EndPoint).SendOneWayAsync(header, _sender.SerializeArguments(request)).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogOneWayFailed(_logger, exception, target);
        }
    }

    private async Task<(ReplyHeader Reply, ReadOnlyMemory<byte> Body)> SendWithRetriesAsync(GrainId target, Func<SiloAddress, Task<ResponseFrame>> send)
    {
        var deadline = Environment.TickCount64 + (long)_options.RetryBudget.TotalMilliseconds;
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 0; ; attempt++)
        {
            SiloAddress? silo = null;
            try
            {
                silo = await ChooseSiloAsync(target, attempt).ConfigureAwait(false);
                var response = await send(silo).ConfigureAwait(false);
                var reply = response.IsError || response.Header.IsEmpty
                    ? new ReplyHeader { Status = ReplyStatus.Error, ExceptionType = typeof(RemoteGrainException).FullName, Message = $"Silo {silo} failed to handle the request." }
                    : JsonSerializer.Deserialize(response.Header.Span, MessagingJsonContext.Default.ReplyHeader)!;
                if (reply.Status != ReplyStatus.Rejected)
                {
                    if (reply.Location is { } location)
                    {
                        // A hint cache, bounded: forgetting costs one forwarding hop, never correctness.
                        if (_locations.Count >= MaxKnownLocations)
                        {
                            _locations.Clear();
                        }

                        _locations[target] = location;
                    }

                    return (reply, response.Body);
                }

                _locations.TryRemove(target, out _);

                LogRetrying(_logger, target, silo.Id, reply.Reason ?? "rejected");
            }
            catch (Exception exception) when (exception is TransportConnectException or TransportHandshakeException or NoActiveSiloException)
            {
                _locations.TryRemove(target, out _);
                var reason = exception.GetType().Name;
                LogRetrying(_logger, target, silo?.Id ?? "none", reason);
            }
            catch (ConnectionLostException exception)
            {
                throw new SiloUnavailableException($"Silo {silo} was lost while the call to {target} was in flight; it may or may not have run.", exception);
            }
            catch (TransportTimeoutException exception)
            {
                throw new GrainCallTimeoutException($"No response from {target} within {_options.ResponseTimeout.TotalSeconds:0.###} s.", exception);
            }

            if (Environment.TickCount64 + delay.TotalMilliseconds > deadline)
            {
                throw new SiloUnavailableException($"No silo took the call to {target} within {_options.RetryBudget.TotalSeconds:0.###} s.");
            }

            await Task.Delay(delay).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 2));
            await _membership.RefreshAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask<SiloAddress> ChooseSiloAsync(GrainId target, int attempt)
    {
        // Where the grain answered last time, while that silo is active: no forwarding hop.
        if (attempt == 0 && _locations.TryGetValue(target, out var known) && _membership.Current.Find(known) is { Status: SiloStatus.Active } host)
        {
            return host.Address;
        }

        var active = _membership.Current.ActiveSilos.OrderBy(s => s.Address.Id, StringComparer.Ordinal).ToList();
        if (active.Count == 0)
        {
            await _membership.RefreshAsync().ConfigureAwait(false);
            active = _membership.Current.ActiveSilos.OrderBy(s => s.Address.Id, StringComparer.Ordinal).ToList();
            if (active.Count == 0)
            {
                throw new NoActiveSiloException();
            }
        }

        var hash = Placement.StableHash.Of(target.ToString());
        return active[(int)((hash + (uint)attempt) % (uint)active.Count)].Address;
    }

    // Calls in flight to a silo declared dead fail at once (SiloUnavailableException) instead of at a ping timeout.
    // A silo that left gracefully (seen ShuttingDown first) answers what it has and closes its connections itself.
    private void DropConnectionsToDeadSilos(MembershipSnapshot snapshot)
    {
        _leaves.Observe(snapshot);
        foreach (var silo in snapshot.Silos)
        {
            if (silo.Status == SiloStatus.Dead && !_leaves.LeftGracefully(silo.Address.Id) && _droppedSilos.TryAdd(silo.Address.Id, true))
            {
                _ = _connections.RemoveAsync(silo.Address.EndPoint).AsTask();
            }
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug, Message = "Call to {GrainId} not taken by silo {SiloId} ({Reason}); trying again")]
    private static partial void LogRetrying(ILogger logger, GrainId grainId, string siloId, string reason);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "One-way call to {GrainId} could not be sent")]
    private static partial void LogOneWayFailed(ILogger logger, Exception exception, GrainId grainId);

    private sealed class NoActiveSiloException() : Exception("No active silo in the cluster.");
}
