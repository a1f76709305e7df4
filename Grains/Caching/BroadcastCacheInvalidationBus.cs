using OrleansPlatform.Grains.Broadcast;
using OrleansPlatform.Workflows.Caching;

namespace OrleansPlatform.Grains.Caching;

/// <summary>
/// <see cref="ICacheInvalidationBus"/> on the Orleans broadcast channel (<see cref="SiloBroadcaster"/>): every other active
/// silo's <see cref="CacheInvalidationGrain"/> gets the invalidation before this returns; a silo not reached after the
/// retries drops the entry when the cache's time to live runs out.
/// </summary>
/// <remarks>
/// Why the broadcast channel and not a stream: invalidations need no ordering, replay or queue, only delivery to every
/// silo now, which the channel's direct grain calls give with the caller seeing each failure.
/// </remarks>
internal sealed class BroadcastCacheInvalidationBus(SiloBroadcaster broadcaster) : ICacheInvalidationBus
{
    public Task PublishAsync(CacheInvalidation invalidation, CancellationToken cancellationToken) =>
        broadcaster.PublishAsync(CacheInvalidationChannel.Namespace, invalidation, includeLocal: false, cancellationToken);
}
