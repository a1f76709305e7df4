using OrleansPlatform.Runtime.Catalog;

namespace OrleansPlatform.Runtime.Scheduling;

/// <summary>
/// Detects wait cycles the moment one closes. Edges of the wait-for graph: a queued request waits for the blocking
/// turns of its activation; a turn waits for the grains it has calls pending to. The edge that closes a cycle is always
/// a request being queued (a turn registers its pending call before the request is queued), so checking at queue time
/// catches every cycle, and the queued request is refused with <see cref="DeadlockException"/> instead of waiting out
/// its response timeout. Follows activations of this silo; a cycle through another silo ends in a response timeout.
/// </summary>
internal sealed class DeadlockDetector
{
    private const int MaxDepth = 64;
    private readonly ActivationCatalog _catalog;

    public DeadlockDetector(ActivationCatalog catalog)
    {
        _catalog = catalog;
    }

    /// <summary>Called after <paramref name="item"/> was queued at <paramref name="activation"/>.</summary>
    public void CheckQueuedItem(ActivationData activation, WorkItem item)
    {
        var waiters = item.CallerChain;
        if (waiters is null)
        {
            return;
        }

        var path = new List<GrainId>();
        GrainId? closing = CallChain.Contains(waiters, activation.GrainId)
            ? activation.GrainId
            : FindWaiter(activation, waiters, new HashSet<GrainId>(), path);
        if (closing is not { } hit)
        {
            return;
        }

        if (!activation.TryRemoveQueued(item))
        {
            return;
        }

        var upstream = CallChain.ToList(waiters);
        var cycle = upstream.GetRange(upstream.IndexOf(hit), upstream.Count - upstream.IndexOf(hit));
        cycle.Add(activation.GrainId);
        if (path.Count > 0)
        {
            cycle.AddRange(path.Skip(1));
        }

        if (!cycle[^1].Equals(hit))
        {
            cycle.Add(hit);
        }

        item.Fail(new DeadlockException(cycle));
    }

    // Depth-first over wait-for edges from `activation`; returns the waiting grain reached, with `path` from activation to it.
    private GrainId? FindWaiter(ActivationData activation, CallChain waiters, HashSet<GrainId> visited, List<GrainId> path)
    {
        if (path.Count >= MaxDepth || !visited.Add(activation.GrainId))
        {
            return null;
        }

        path.Add(activation.GrainId);
        foreach (var turn in activation.SnapshotBlockingTurns())
        {
            foreach (var target in turn.SnapshotPendingTargets())
            {
                if (CallChain.Contains(waiters, target))
                {
                    path.Add(target);
                    return target;
                }

                if (_catalog.TryGet(target, out var next) && FindWaiter(next, waiters, visited, path) is { } found)
                {
                    return found;
                }
            }
        }

        path.RemoveAt(path.Count - 1);
        return null;
    }
}
