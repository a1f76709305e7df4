using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.BroadcastChannel;
using OrleansPlatform.Workflows.Caching;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Caching;

/// <summary>
/// <see cref="ICacheInvalidationBus"/> on an Orleans broadcast channel: one channel per silo (key: its address), each
/// with an implicit subscriber bound to that silo (<see cref="CacheInvalidationGrain"/>), so every active silo gets
/// every invalidation. Delivery is awaited (not fire-and-forget) and retried with backoff; a silo still not reached
/// after the retries is logged, and its copy expires by the cache's time to live.
/// </summary>
/// <remarks>
/// Why the broadcast channel and not a stream: invalidations need no ordering, replay or queue, only delivery to every
/// silo now, which the channel's direct grain calls give with the caller seeing each failure.
/// </remarks>
internal sealed partial class BroadcastCacheInvalidationBus(
    IServiceProvider services,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<BroadcastCacheInvalidationBus> logger) : ICacheInvalidationBus
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(400)];

    public async Task PublishAsync(CacheInvalidation invalidation, CancellationToken cancellationToken)
    {
        var provider = services.GetRequiredKeyedService<IBroadcastChannelProvider>(CacheInvalidationChannel.ProviderName);
        var targets = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active && !member.SiloAddress.Equals(localSilo.SiloAddress))
            .Select(member => member.SiloAddress)
            .ToList();
        await Task.WhenAll(targets.Select(silo => DeliverAsync(provider, silo, invalidation, cancellationToken)));
    }

    private async Task DeliverAsync(IBroadcastChannelProvider provider, SiloAddress silo, CacheInvalidation invalidation, CancellationToken cancellationToken)
    {
        var writer = provider.GetChannelWriter<CacheInvalidation>(ChannelId.Create(CacheInvalidationChannel.Namespace, silo.ToParsableString()));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await writer.Publish(invalidation, cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (attempt == RetryDelays.Length || membership.CurrentSnapshot.GetSiloStatus(silo) != SiloStatus.Active)
                {
                    LogGaveUp(logger, exception, invalidation.CacheType, invalidation.Key ?? "*", silo, attempt + 1);
                    return;
                }

                await Task.Delay(RetryDelays[attempt], time, cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Invalidation of {CacheType} '{Key}' did not reach silo {Silo} after {Attempts} attempts; its copy expires with the cache's time to live")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string cacheType, string key, SiloAddress silo, int attempts);
}
