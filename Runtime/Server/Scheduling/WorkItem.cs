namespace OrleansPlatform.Runtime.Scheduling;

/// <summary>Something an activation runs as a turn: a request, a timer tick, activation or deactivation.</summary>
internal abstract class WorkItem
{
    protected WorkItem(CallChain? callerChain, bool interleaves)
    {
        CallerChain = callerChain;
        Interleaves = interleaves;
    }

    /// <summary>The grains waiting on this item (its caller first), or null when nobody waits inside the cluster.</summary>
    public CallChain? CallerChain { get; }

    /// <summary>True when the item may run alongside any other turn (reentrant grain, [AlwaysInterleave], interleaving timer).</summary>
    public bool Interleaves { get; }

    /// <summary>A short description for errors and logs.</summary>
    public abstract string Description { get; }

    /// <summary>Runs the item on the activation's scheduler, inside its turn.</summary>
    public abstract Task ExecuteAsync(Catalog.ActivationData activation);

    /// <summary>Fails the item without running it.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>True when running the item counts as activity for idle collection.</summary>
    public virtual bool CountsAsActivity => true;

    /// <summary>True when the caller gave up (cancelled or timed out); the item is then dropped unrun.</summary>
    public virtual bool IsAbandoned => false;
}
