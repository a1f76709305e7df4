using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// <see cref="IClusterLocks"/> over <see cref="IClusterLockStore"/>: polls the store with jittered pauses until the
/// wait runs out, and hands held locks to <see cref="LockLeaseRenewer"/> until they are released.
/// </summary>
internal sealed class ClusterLocks : IClusterLocks
{
    private readonly IClusterLockStore store;
    private readonly ILockOwnerAccessor owners;
    private readonly LockLeaseRenewer renewer;
    private readonly LockRetryJitter jitter;
    private readonly TimeProvider time;
    private readonly ClusterLockOptions options;
    private readonly ILogger<ClusterLocks> logger;

    public ClusterLocks(
        IClusterLockStore store,
        ILockOwnerAccessor owners,
        LockLeaseRenewer renewer,
        LockRetryJitter jitter,
        [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
        IOptions<ClusterLockOptions> options,
        ILogger<ClusterLocks> logger)
    {
        this.store = store;
        this.owners = owners;
        this.renewer = renewer;
        this.jitter = jitter;
        this.time = time;
        this.options = options.Value;
        this.logger = logger;
    }

    public Task<ClusterLockHandle?> TryAcquireAsync(string name, LockMode mode, TimeSpan wait, CancellationToken ct = default)
    {
        LockArguments.ValidateName(name);
        LockArguments.ValidateMode(mode);
        LockArguments.ValidateWait(wait);
        return TryAcquireAsync(name, mode, owners.Current, wait, ct);
    }

    public async Task<ClusterLockHandle> AcquireAsync(string name, LockMode mode, TimeSpan wait, CancellationToken ct = default) =>
        await TryAcquireAsync(name, mode, wait, ct) ?? throw new LockTimeoutException(name, mode, wait);

    /// <summary>As <see cref="TryAcquireAsync(string, LockMode, TimeSpan, CancellationToken)"/>, for an explicit owner.</summary>
    internal async Task<ClusterLockHandle?> TryAcquireAsync(string name, LockMode mode, LockOwner owner, TimeSpan wait, CancellationToken ct)
    {
        LockArguments.ValidateName(name);
        LockArguments.ValidateMode(mode);
        LockArguments.ValidateOwner(owner);
        LockArguments.ValidateWait(wait);
        var started = time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var attemptedAt = time.GetTimestamp();
            var grant = await store.TryAcquireAsync(name, mode, owner, options.LeaseDuration, ct);
            if (grant is not null)
            {
                var handle = new HeldClusterLock(grant, attemptedAt, time, options.LeaseDuration, ReleaseAsync);
                renewer.Track(handle);
                LocksLog.Acquired(logger, mode, name, owner, grant.FencingToken);
                return handle;
            }

            var elapsed = time.GetElapsedTime(started);
            if (wait != Timeout.InfiniteTimeSpan && elapsed >= wait)
            {
                LocksLog.AcquireTimedOut(logger, mode, name, owner, wait, attempt + 1);
                return null;
            }

            var pause = jitter.Next(attempt, options.MinRetryDelay, options.MaxRetryDelay);
            if (wait != Timeout.InfiniteTimeSpan && pause > wait - elapsed)
            {
                pause = wait - elapsed;
            }

            await Task.Delay(pause, time, ct);
        }
    }

    private async Task ReleaseAsync(HeldClusterLock handle)
    {
        handle.MarkReleased();
        renewer.Untrack(handle);
        var grant = handle.Grant;
        try
        {
            // By token: never removes a later grant of the same lock to the same owner.
            await store.ReleaseAsync(grant, CancellationToken.None);
            LocksLog.Released(logger, grant.Mode, grant.Name, grant.FencingToken, grant.Owner.OwnerId);
        }
        catch (Exception exception)
        {
            LocksLog.ReleaseFailed(logger, exception, grant.Name, grant.FencingToken, grant.Owner.OwnerId);
        }
    }
}
