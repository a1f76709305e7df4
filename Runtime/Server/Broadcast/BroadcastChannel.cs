using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Messaging;
using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.Runtime.Broadcast;

/// <summary>Publishes by sending one frame to each live silo over the transport; subscriptions are in memory only.</summary>
internal sealed partial class BroadcastChannel : IBroadcastChannel, IBroadcastReceiver
{
    private static readonly TimeSpan s_sendTimeout = TimeSpan.FromSeconds(5);
    private readonly ISiloMembership _membership;
    private readonly IConnectionPool _connections;
    private readonly ILogger<BroadcastChannel> _logger;
    private ImmutableDictionary<string, ImmutableList<Func<ReadOnlyMemory<byte>, CancellationToken, Task>>> _subscribers =
        ImmutableDictionary.Create<string, ImmutableList<Func<ReadOnlyMemory<byte>, CancellationToken, Task>>>(StringComparer.Ordinal);

    public BroadcastChannel(ISiloMembership membership, IConnectionPool connections, ILogger<BroadcastChannel> logger)
    {
        _membership = membership;
        _connections = connections;
        _logger = logger;
    }

    public async Task<BroadcastResult> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var header = RemoteSender.SerializeHeader(new CallHeader { Kind = MessageKind.Broadcast, Topic = topic });
        var local = _membership.LocalSilo.Id;
        var targets = _membership.Current.Silos.Where(s => s.Status is SiloStatus.Active or SiloStatus.ShuttingDown && s.Address.Id != local).ToList();
        var sends = targets.Select(async silo =>
        {
            try
            {
                await _connections.GetConnection(silo.Address.EndPoint).SendRequestAsync(header, payload, s_sendTimeout, cancellationToken).ConfigureAwait(false);
                return (silo.Address.Id, Delivered: true);
            }
            catch (Exception exception) when (exception is TransportException or OperationCanceledException)
            {
                LogPublishFailed(_logger, exception, topic, silo.Address.Id);
                return (silo.Address.Id, Delivered: false);
            }
        }).ToList();
        await ReceiveAsync(topic, payload, cancellationToken).ConfigureAwait(false);
        var results = await Task.WhenAll(sends).ConfigureAwait(false);
        return new BroadcastResult(
            [local, .. results.Where(r => r.Delivered).Select(r => r.Id)],
            results.Where(r => !r.Delivered).Select(r => r.Id).ToList());
    }

    public IDisposable Subscribe(string topic, Func<ReadOnlyMemory<byte>, CancellationToken, Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.AddOrUpdate(ref _subscribers, topic, [handler], (_, list) => list.Add(handler));
        return new Subscription(this, topic, handler);
    }

    public async Task ReceiveAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!_subscribers.TryGetValue(topic, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers)
        {
            try
            {
                await handler(payload, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogHandlerFailed(_logger, exception, topic);
            }
        }
    }

    private void Unsubscribe(string topic, Func<ReadOnlyMemory<byte>, CancellationToken, Task> handler) =>
        ImmutableInterlocked.AddOrUpdate(ref _subscribers, topic, [], (_, list) => list.Remove(handler));

    [LoggerMessage(EventId = 1150, Level = LogLevel.Warning, Message = "Broadcast on {Topic} did not reach silo {SiloId}")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string topic, string siloId);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Error, Message = "A subscriber of broadcast topic {Topic} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string topic);

    private sealed class Subscription(BroadcastChannel channel, string topic, Func<ReadOnlyMemory<byte>, CancellationToken, Task> handler) : IDisposable
    {
        public void Dispose() => channel.Unsubscribe(topic, handler);
    }
}
