namespace OrleansPlatform.Runtime.Scheduling;

/// <summary>
/// One running turn of an activation: the chain of grains waiting on it (including its own grain) and the grains it is
/// currently waiting on. The latter are the wait-for edges that deadlock detection follows.
/// </summary>
internal sealed class TurnContext
{
    private readonly Dictionary<GrainId, int> _pendingTargets = [];

    public TurnContext(Catalog.ActivationData activation, CallChain chain, bool blocksQueue)
    {
        Activation = activation;
        Chain = chain;
        BlocksQueue = blocksQueue;
    }

    public Catalog.ActivationData Activation { get; }

    /// <summary>This turn's grain followed by everything waiting on it.</summary>
    public CallChain Chain { get; }

    /// <summary>True when requests queued at the activation wait for this turn to end.</summary>
    public bool BlocksQueue { get; }

    public void AddPendingTarget(GrainId target)
    {
        lock (_pendingTargets)
        {
            _pendingTargets[target] = _pendingTargets.GetValueOrDefault(target) + 1;
        }
    }

    public void RemovePendingTarget(GrainId target)
    {
        lock (_pendingTargets)
        {
            if (_pendingTargets.TryGetValue(target, out var count))
            {
                if (count <= 1)
                {
                    _pendingTargets.Remove(target);
                }
                else
                {
                    _pendingTargets[target] = count - 1;
                }
            }
        }
    }

    public GrainId[] SnapshotPendingTargets()
    {
        lock (_pendingTargets)
        {
            return _pendingTargets.Count == 0 ? [] : [.. _pendingTargets.Keys];
        }
    }
}
