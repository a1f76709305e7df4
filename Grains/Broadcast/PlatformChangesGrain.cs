using Microsoft.Extensions.Logging;
using Orleans.BroadcastChannel;
using OrleansPlatform.Grains.Placement;

namespace OrleansPlatform.Grains.Broadcast;

/// <summary>See <see cref="IPlatformChangesGrain"/>: hands each change to the silo services that handle its kind.</summary>
[ImplicitChannelSubscription(Namespace)]
[SiloBoundPlacement]
[GrainType("op-platform-changes")]
internal sealed partial class PlatformChangesGrain(IEnumerable<IPlatformChangeHandler> handlers, ILogger<PlatformChangesGrain> logger)
    : Grain, IPlatformChangesGrain, IOnBroadcastChannelSubscribed
{
    /// <summary>The broadcast channel namespace.</summary>
    public const string Namespace = "platform-changes";

    public Task OnSubscribed(IBroadcastChannelSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return subscription.Attach<PlatformChange>(
            async change =>
            {
                foreach (var handler in handlers.Where(h => h.Kind == change.Kind))
                {
                    await handler.ApplyAsync(change, CancellationToken.None);
                }
            },
            exception =>
            {
                LogChannelError(logger, exception);
                return Task.CompletedTask;
            });
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Warning, Message = "The platform-changes channel reported an error")]
    private static partial void LogChannelError(ILogger logger, Exception exception);
}
