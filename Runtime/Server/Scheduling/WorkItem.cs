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

    /// <summary>When the caller stops waiting, in <see cref="Environment.TickCount64"/> milliseconds.</summary>
    public long DeadlineTickMs { get; set; } = long.MaxValue;

    /// <summary>How many silos forwarded this item already.</summary>
    public int Hops { get; set; }

    /// <summary>True when the sender chose this silo by placement for a new activation.</summary>
    public bool ArrivedPlaced { get; set; }

    /// <summary>Milliseconds left before the caller stops waiting.</summary>
    public TimeSpan Remaining => DeadlineTickMs == long.MaxValue
        ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromMilliseconds(Math.Max(0, DeadlineTickMs - Environment.TickCount64));

    /// <summary>True when the item can be sent to another silo.</summary>
    public virtual bool CanForward => false;

    /// <summary>Sends the item to <paramref name="target"/> and completes it from the reply.</summary>
    public virtual Task<Messaging.ForwardOutcome> ForwardAsync(Messaging.RemoteSender sender, Membership.SiloAddress target, bool placed) =>
        throw new NotSupportedException($"{Description} cannot be sent to another silo.");

    /// <summary>True when running the item counts as activity for idle collection.</summary>
    public virtual bool CountsAsActivity => true;

    /// <summary>True when the caller gave up (cancelled or timed out); the item is then dropped unrun.</summary>
    public virtual bool IsAbandoned => false;
}
