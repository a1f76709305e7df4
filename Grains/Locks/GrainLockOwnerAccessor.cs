using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Grains.Locks;

/// <summary>
/// Inside a grain turn, cluster locks belong to the current activation on this silo. When the activation is
/// deactivated, whatever it still holds is released at once (rather than when the leases run out); when its silo dies,
/// the lock store treats its holdings as free as soon as membership says Dead.
/// </summary>
internal sealed partial class GrainLockOwnerAccessor(
    IGrainContextAccessor contexts,
    ILocalSiloDetails silo,
    IClusterLockStore store,
    ILogger<GrainLockOwnerAccessor> logger) : ILockOwnerAccessor
{
    private readonly ConcurrentDictionary<ActivationId, byte> watched = new();

    public LockOwner Current
    {
        get
        {
            var context = contexts.GrainContext
                ?? throw new InvalidOperationException("Cluster locks taken through IClusterLocks belong to the calling grain; call from inside a grain, or use IClusterLockStore with an explicit owner.");
            var ownerId = context.ActivationId.ToString();
            if (watched.TryAdd(context.ActivationId, 0))
            {
                _ = ReleaseWhenDeactivatedAsync(context, ownerId);
            }

            return new LockOwner(ownerId, silo.SiloAddress.ToParsableString());
        }
    }

    private async Task ReleaseWhenDeactivatedAsync(IGrainContext context, string ownerId)
    {
        try
        {
            await context.Deactivated;
            await store.ReleaseOwnerAsync(ownerId);
        }
        catch (Exception exception)
        {
            LogReleaseFailed(logger, exception, ownerId);
        }
        finally
        {
            watched.TryRemove(context.ActivationId, out _);
        }
    }

    [LoggerMessage(EventId = 4050, Level = LogLevel.Warning, Message = "Releasing the cluster locks of deactivated activation {OwnerId} failed; they free themselves when their leases run out")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string ownerId);
}
