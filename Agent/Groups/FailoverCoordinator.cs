using Microsoft.Extensions.Logging;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Agent.Nodes;
using OrleansPlatform.Agent.Supervision;
using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Agent.Groups;

/// <summary>
/// Runs a failover group on this node only while this node holds the group's cluster lock. Every poll it renews the
/// lock it holds, or tries for it when the group's node is gone (its lease ran out). It kills the group the moment its
/// lease might have ended unconfirmed (by this node's clock from when the last confirmed renewal was sent, less a
/// margin), so two nodes never run it at once; the lock's fencing token fences the placement row. A pending move
/// (<c>oplat groups move</c>) makes the holder stop the group and release the lock, and the other nodes leave the lock
/// to the move's target while it is live.
/// </summary>
internal sealed class FailoverCoordinator(
    GroupRunner runner,
    IClusterLockStore locks,
    IGroupPlacementStore placements,
    INodeRegistry nodes,
    FailoverOptions options,
    HeartbeatOptions heartbeat,
    string nodeId,
    TimeProvider time,
    ILogger logger) : IRunPermit
{
    private readonly object gate = new();
    private LockGrant? grant;
    private long confirmedAt;

    public bool MayRun
    {
        get
        {
            lock (gate)
            {
                return grant is not null && Remaining() > TimeSpan.Zero;
            }
        }
    }

    public long? FencingToken
    {
        get
        {
            lock (gate)
            {
                return grant?.FencingToken;
            }
        }
    }

    /// <summary>Renews or tries for the lock every poll until <paramref name="stop"/>; then stops the group and releases the lock.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                GroupLog.RoundFailed(logger, exception, runner.Spec.Id);
            }

            try
            {
                await Task.Delay(NextWait(), time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Woken at the deadline, or a renewal stalled past it: the group goes before the lease can end.
            if (Held() is { } held && Remaining() <= TimeSpan.Zero)
            {
                await LoseAsync(held, "its lease was not renewed in time");
            }
        }

        if (Held() is { } last)
        {
            await HandOverAsync(last, "the agent is stopping");
        }
    }

    private async Task RoundAsync(CancellationToken stop)
    {
        if (Held() is { } held)
        {
            if (Remaining() <= TimeSpan.Zero)
            {
                await LoseAsync(held, "its lease was not renewed in time");
                return;
            }

            var sentAt = time.GetTimestamp();
            using var bounded = Bounded(stop);
            var renewed = await locks.RenewAsync([held], options.LeaseDuration, bounded.Token);
            if (renewed.Count == 0)
            {
                await LoseAsync(held, "the lock was lost (its lease ran out or another node took it)");
                return;
            }

            Confirm(renewed[0], sentAt);
            var placement = await placements.GetAsync(runner.Spec.Id, bounded.Token);
            if (placement?.PreferredNode is { } target && target != nodeId && await IsLiveAsync(target, bounded.Token))
            {
                GroupLog.HandingOver(logger, runner.Spec.Id, target);
                await HandOverAsync(renewed[0], $"moving to node {target}");
            }

            return;
        }

        await TryTakeAsync(stop);
    }

    private async Task TryTakeAsync(CancellationToken stop)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop);
        bounded.CancelAfter(options.LeaseDuration);
        var placement = await placements.GetAsync(runner.Spec.Id, bounded.Token);
        if (placement?.PreferredNode is { } target && target != nodeId && await IsLiveAsync(target, bounded.Token))
        {
            return;
        }

        var sentAt = time.GetTimestamp();
        var granted = await locks.TryAcquireAsync(runner.Spec.LockName, LockMode.Exclusive, new LockOwner(nodeId, nodeId), options.LeaseDuration, bounded.Token);
        if (granted is null)
        {
            return;
        }

        Confirm(granted, sentAt);
        if (!await placements.ClaimAsync(runner.Spec.Id, nodeId, granted.FencingToken, bounded.Token))
        {
            await ReleaseAsync(granted);
            return;
        }

        GroupLog.TookOver(logger, runner.Spec.Id, granted.FencingToken, placement?.ActiveNode ?? "no node");
        GroupLog.Starting(logger, runner.Spec.Id, runner.Spec.ResourceList);
        runner.Start(this);
    }

    private async Task LoseAsync(LockGrant held, string reason)
    {
        lock (gate)
        {
            grant = null;
        }

        GroupLog.Lost(logger, runner.Spec.Id, held.FencingToken, reason);
        await runner.StopAsync("lost the group's cluster lock", kill: true);
    }

    private async Task HandOverAsync(LockGrant held, string reason)
    {
        GroupLog.Stopping(logger, runner.Spec.Id, reason);
        await runner.StopAsync(reason);
        lock (gate)
        {
            grant = null;
        }

        await ReleaseAsync(held);
    }

    private async Task ReleaseAsync(LockGrant held)
    {
        using var bounded = new CancellationTokenSource(options.LeaseDuration);
        try
        {
            await placements.ReleaseAsync(runner.Spec.Id, held.FencingToken, bounded.Token);
            await locks.ReleaseAsync(held, bounded.Token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The lease runs out by itself.
            GroupLog.RoundFailed(logger, exception, runner.Spec.Id);
        }
    }

    private async Task<bool> IsLiveAsync(string node, CancellationToken cancellationToken) =>
        (await nodes.ListAsync(cancellationToken)).Any(n => n.NodeId == node && n.IsLive(heartbeat.NodeDownAfter));

    private void Confirm(LockGrant renewed, long sentAt)
    {
        lock (gate)
        {
            grant = renewed;
            confirmedAt = sentAt;
        }
    }

    private LockGrant? Held()
    {
        lock (gate)
        {
            return grant;
        }
    }

    // What is left of the lease, as this node may count on it: from when the last confirmed renewal was sent, less the margin.
    private TimeSpan Remaining() => options.LeaseDuration - options.SafetyMargin - time.GetElapsedTime(confirmedAt);

    private TimeSpan NextWait()
    {
        var remaining = Held() is null ? options.PollInterval : Remaining();
        return remaining < options.PollInterval ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) : options.PollInterval;
    }

    private CancellationTokenSource Bounded(CancellationToken stop)
    {
        var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var remaining = Remaining();
        bounded.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
        return bounded;
    }
}
