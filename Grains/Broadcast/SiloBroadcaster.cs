using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.BroadcastChannel;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Broadcast;

/// <summary>
/// Delivers an item to every active silo of the cluster on the Orleans broadcast channel: one channel per silo (key: its
/// address) in a namespace, whose implicit subscriber grain is bound to that silo. Delivery is awaited (not
/// fire-and-forget) and retried with backoff; a silo still not reached after the retries is logged and left to heal
/// (each consumer says how: a cache's time to live, a periodic reload of state from the database).
/// </summary>
/// <remarks>
/// Each attempt is bounded by <see cref="AttemptTimeout"/>, so one silo that takes a delivery but never answers (its
/// subscriber grain busy, a directory lookup stuck) costs the caller at most about
/// <c>(RetryDelays.Length + 1) × AttemptTimeout</c>, well inside Orleans' 30 s response timeout: an admin action that
/// broadcasts answers with the silos it reached instead of timing out as a whole.
/// </remarks>
internal sealed partial class SiloBroadcaster(
    IServiceProvider services,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<SiloBroadcaster> logger)
{
    /// <summary>The broadcast channel provider registered on every silo.</summary>
    public const string ProviderName = "platform";

    /// <summary>How long one delivery attempt to one silo may take.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(400)];

    /// <summary>Delivers <paramref name="item"/> on <paramref name="channelNamespace"/> to every active silo (this one too when <paramref name="includeLocal"/>).</summary>
    public async Task PublishAsync<T>(string channelNamespace, T item, bool includeLocal, CancellationToken cancellationToken)
        where T : notnull
    {
        var provider = services.GetRequiredKeyedService<IBroadcastChannelProvider>(ProviderName);
        var targets = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active && (includeLocal || !member.SiloAddress.Equals(localSilo.SiloAddress)))
            .Select(member => member.SiloAddress)
            .ToList();
        await Task.WhenAll(targets.Select(silo => DeliverAsync(provider, channelNamespace, silo, item, cancellationToken)));
    }

    private async Task DeliverAsync<T>(IBroadcastChannelProvider provider, string channelNamespace, SiloAddress silo, T item, CancellationToken cancellationToken)
        where T : notnull
    {
        var writer = provider.GetChannelWriter<T>(ChannelId.Create(channelNamespace, silo.ToParsableString()));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await writer.Publish(item, cancellationToken).WaitAsync(AttemptTimeout, time, cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (attempt == RetryDelays.Length || membership.CurrentSnapshot.GetSiloStatus(silo) != SiloStatus.Active)
                {
                    LogGaveUp(logger, exception, channelNamespace, silo, attempt + 1);
                    return;
                }

                await Task.Delay(RetryDelays[attempt], time, cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "A {Namespace} broadcast did not reach silo {Silo} after {Attempts} attempts; it heals on that silo by itself (time to live, or its next reload)")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string @namespace, SiloAddress silo, int attempts);
}
