namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// The handle <see cref="ClusterLocks"/> gives out: one grant, renewed by <see cref="LockLeaseRenewer"/> while held.
/// <see cref="IsHeld"/> is also bounded by time: once a whole lease has passed since the database last confirmed it
/// (the acquisition, or the last renewal, measured from when that statement was sent), the lock is not held any more,
/// whether or not the renewer has noticed (a stalled database never answers, so it cannot say "lost").
/// </summary>
internal sealed class HeldClusterLock : ClusterLockHandle
{
    private const int Held = 0;
    private const int Lost = 1;
    private const int Released = 2;

    private readonly Lazy<Task> release;
    private readonly TimeProvider time;
    private readonly TimeSpan lease;
    private LockGrant grant;
    private long renewedAtTimestamp;
    private int state;

    public HeldClusterLock(LockGrant grant, long acquiredAtTimestamp, TimeProvider time, TimeSpan lease, Func<HeldClusterLock, Task> release)
    {
        this.grant = grant;
        this.time = time;
        this.lease = lease;
        renewedAtTimestamp = acquiredAtTimestamp;
        this.release = new Lazy<Task>(() => release(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The grant as last renewed.</summary>
    public LockGrant Grant => Volatile.Read(ref grant);

    /// <summary>When (<see cref="TimeProvider.GetTimestamp"/>) the last successful renewal (or the acquisition) was sent.</summary>
    public long RenewedAtTimestamp => Interlocked.Read(ref renewedAtTimestamp);

    public override string Name => Grant.Name;

    public override LockMode Mode => Grant.Mode;

    public override long FencingToken => Grant.FencingToken;

    public override string OwnerId => Grant.Owner.OwnerId;

    public override bool IsHeld => Volatile.Read(ref state) == Held && time.GetElapsedTime(RenewedAtTimestamp) < lease;

    public override Task ReleaseAsync() => release.Value;

    /// <summary>Records a successful renewal sent at <paramref name="sentAtTimestamp"/>.</summary>
    public void Renewed(LockGrant renewed, long sentAtTimestamp)
    {
        Volatile.Write(ref grant, renewed);
        Interlocked.Exchange(ref renewedAtTimestamp, sentAtTimestamp);
    }

    /// <summary>Marks the lock lost; false when it was already lost or released.</summary>
    public bool MarkLost() => Interlocked.CompareExchange(ref state, Lost, Held) == Held;

    /// <summary>Marks the lock released (from <see cref="ReleaseAsync"/>); true when it was held until now.</summary>
    public bool MarkReleased() => Interlocked.Exchange(ref state, Released) == Held;
}
