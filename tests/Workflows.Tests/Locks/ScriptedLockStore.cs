using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Workflows.Tests.Locks;

/// <summary>What a renewal does in <see cref="ScriptedLockStore"/>.</summary>
internal enum RenewalBehaviour
{
    /// <summary>Renews in the real store.</summary>
    Renew,

    /// <summary>Renews in the real store, then holds the answer back until the test releases it (a slow reply).</summary>
    RenewThenHold,

    /// <summary>Never answers until its cancellation token is cancelled (a stalled database that honours timeouts).</summary>
    StallUntilCancelled,

    /// <summary>Never answers at all, whatever the token says (until the test ends).</summary>
    StallForever,

    /// <summary>Fails at once, as an unreachable database does.</summary>
    Fail,
}

/// <summary>
/// The real lock store with renewals scripted by call number (1 = first), and an optional action run while an
/// acquisition is "in flight" (e.g. advancing a fake clock, as a slow database lets time pass). A test moves a fake
/// clock only from its own thread: FakeTimeProvider reschedules a periodic timer late if time moves during its callback.
/// </summary>
internal sealed class ScriptedLockStore(IClusterLockStore inner, Func<int, RenewalBehaviour> plan) : IClusterLockStore
{
    private readonly TaskCompletionSource forever = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int renewCalls;
    private int heldRenewals;
    private int stalledRenewals;
    private int cancelledRenewals;

    /// <summary>Runs inside each acquisition before the real one.</summary>
    public Action? DuringAcquire { get; set; }

    /// <summary>How many renewals were started.</summary>
    public int RenewCalls => Volatile.Read(ref renewCalls);

    /// <summary>How many renewals renewed and are held back (<see cref="RenewalBehaviour.RenewThenHold"/>).</summary>
    public int HeldRenewals => Volatile.Read(ref heldRenewals);

    /// <summary>How many renewals were stalled until cancelled.</summary>
    public int StalledRenewals => Volatile.Read(ref stalledRenewals);

    /// <summary>How many stalled renewals ended because their token was cancelled.</summary>
    public int CancelledRenewals => Volatile.Read(ref cancelledRenewals);

    /// <summary>Lets every held renewal answer.</summary>
    public void ReleaseHeld() => hold.TrySetResult();

    /// <summary>Ends every renewal stalled "forever" (with an error), so that the renewer can stop.</summary>
    public void ReleaseStalls() => forever.TrySetException(new TimeoutException("stall released by the test"));

    public async Task<LockGrant?> TryAcquireAsync(string name, LockMode mode, LockOwner owner, TimeSpan lease, CancellationToken ct = default)
    {
        DuringAcquire?.Invoke();
        return await inner.TryAcquireAsync(name, mode, owner, lease, ct);
    }

    public async Task<IReadOnlyList<LockGrant>> RenewAsync(IReadOnlyCollection<LockGrant> grants, TimeSpan lease, CancellationToken ct = default)
    {
        var call = Interlocked.Increment(ref renewCalls);
        switch (plan(call))
        {
            case RenewalBehaviour.StallUntilCancelled:
                Interlocked.Increment(ref stalledRenewals);
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }
                catch (OperationCanceledException)
                {
                    // Counted here, not in a token callback: that registration would be disposed, unrun, when the
                    // cancellation runs this continuation inline.
                    Interlocked.Increment(ref cancelledRenewals);
                    throw;
                }

                throw new InvalidOperationException("unreachable");
            case RenewalBehaviour.StallForever:
                await forever.Task;
                throw new InvalidOperationException("unreachable");
            case RenewalBehaviour.Fail:
                await Task.Yield();
                throw new TimeoutException("the cluster database did not answer (scripted)");
            case RenewalBehaviour.RenewThenHold:
                var held = await inner.RenewAsync(grants, lease, ct);
                Interlocked.Increment(ref heldRenewals);
                await hold.Task;
                return held;
            default:
                return await inner.RenewAsync(grants, lease, ct);
        }
    }

    public Task<bool> ReleaseAsync(string name, LockOwner owner, CancellationToken ct = default) => inner.ReleaseAsync(name, owner, ct);

    public Task<bool> ReleaseAsync(LockGrant grant, CancellationToken ct = default) => inner.ReleaseAsync(grant, ct);

    public Task<int> ReleaseOwnerAsync(string ownerId, CancellationToken ct = default) => inner.ReleaseOwnerAsync(ownerId, ct);

    public Task<int> ReleaseSiloAsync(string siloId, CancellationToken ct = default) => inner.ReleaseSiloAsync(siloId, ct);

    public Task<IReadOnlyList<LockHolding>> ListLiveAsync(CancellationToken ct = default) => inner.ListLiveAsync(ct);
}
