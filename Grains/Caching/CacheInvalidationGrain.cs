using Microsoft.Extensions.Logging;
using Orleans.BroadcastChannel;
using OrleansPlatform.Grains.Placement;
using OrleansPlatform.Workflows.Caching;

namespace OrleansPlatform.Grains.Caching;

/// <summary>See <see cref="ICacheInvalidationGrain"/>: an implicit subscriber of its silo's channel, bound to that silo.</summary>
[ImplicitChannelSubscription(CacheInvalidationChannel.Namespace)]
[SiloBoundPlacement]
[GrainType("op-cache-invalidation")]
internal sealed partial class CacheInvalidationGrain(IObjectCaches caches, ILogger<CacheInvalidationGrain> logger) : Grain, ICacheInvalidationGrain, IOnBroadcastChannelSubscribed
{
    public Task OnSubscribed(IBroadcastChannelSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return subscription.Attach<CacheInvalidation>(
            invalidation =>
            {
                caches.Apply(invalidation);
                return Task.CompletedTask;
            },
            exception =>
            {
                LogChannelError(logger, exception);
                return Task.CompletedTask;
            });
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "The cache invalidation channel reported an error")]
    private static partial void LogChannelError(ILogger logger, Exception exception);
}
