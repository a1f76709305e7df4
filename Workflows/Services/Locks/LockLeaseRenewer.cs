using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// Renews the leases of the locks held through <see cref="ClusterLocks"/> every third of
/// <see cref="ClusterLockOptions.LeaseDuration"/>. A lock the store no longer holds for its owner (lease expired, silo
/// declared dead, released by the owner's deactivation) is marked not held and logged; when the database cannot be
/// reached, a lock is marked lost once a whole lease has passed since its last successful renewal.
/// </summary>
internal sealed class LockLeaseRenewer : BackgroundService
{
    private readonly ConcurrentDictionary<HeldClusterLock, byte> held = new(ReferenceEqualityComparer.Instance);
    private readonly IClusterLockStore store;
    private readonly TimeProvider time;
    private readonly ILogger<LockLeaseRenewer> logger;
    private readonly TimeSpan lease;

    public LockLeaseRenewer(IClusterLockStore store, [FromKeyedServices(PlatformClock.Key)] TimeProvider time, IOptions<ClusterLockOptions> options, ILogger<LockLeaseRenewer> logger)
    {
        this.store = store;
        this.time = time;
        this.logger = logger;
        lease = options.Value.LeaseDuration;
    }

    /// <summary>How many held locks are being renewed.</summary>
    public int Count => held.Count;

    public void Track(HeldClusterLock handle) => held.TryAdd(handle, 0);

    public void Untrack(HeldClusterLock handle) => held.TryRemove(handle, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RenewOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping. Held locks are not released here: their owners release them on deactivation, or leases run out.
        }
    }

    /// <summary>One renewal round over every tracked lock.</summary>
    internal async Task RenewOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var expired in held.Keys.Where(handle => !handle.IsHeld).ToArray())
        {
            MarkLost(expired, "its lease ran out before the cluster database confirmed a renewal");
        }

        var handles = held.Keys.ToArray();
        if (handles.Length == 0)
        {
            return;
        }

        var sentAt = time.GetTimestamp();
        IReadOnlyList<LockGrant> renewed;
        try
        {
            // Its own timeout: a database that stalls must not hold the renewer past the point where leases could still be saved.
            using var timeout = new CancellationTokenSource(lease / 3, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            renewed = await store.RenewAsync(handles.Select(handle => handle.Grant).ToArray(), lease, linked.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LocksLog.RenewalFailed(logger, exception, handles.Length);
            foreach (var handle in handles)
            {
                if (time.GetElapsedTime(handle.RenewedAtTimestamp) >= lease)
                {
                    MarkLost(handle, "its lease ran out while the cluster database could not be reached");
                }
            }

            return;
        }

        var byToken = renewed.ToDictionary(grant => (grant.Name, grant.Owner.OwnerId, grant.FencingToken));
        foreach (var handle in handles)
        {
            var grant = handle.Grant;
            if (byToken.TryGetValue((grant.Name, grant.Owner.OwnerId, grant.FencingToken), out var fresh))
            {
                handle.Renewed(fresh, sentAt);
            }
            else
            {
                MarkLost(handle, "the lease could not be renewed (it expired, the silo was declared dead, or the owner's locks were released)");
            }
        }

        LocksLog.Renewed(logger, renewed.Count);
    }

    private void MarkLost(HeldClusterLock handle, string reason)
    {
        Untrack(handle);
        if (handle.MarkLost())
        {
            var grant = handle.Grant;
            LocksLog.Lost(logger, grant.Mode, grant.Name, grant.FencingToken, grant.Owner.OwnerId, reason);
        }
    }
}
