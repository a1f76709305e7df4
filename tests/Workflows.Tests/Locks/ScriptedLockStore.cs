using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Workflows.Tests.Locks;

/// <summary>What a renewal does in <see cref="ScriptedLockStore"/>.</summary>
internal enum RenewalBehaviour
{
    /// <summary>Renews in the real store.</summary>
    Renew,

    /// <summary>Never answers until its cancellation token is cancelled (a stalled database that honours timeouts).</summary>
    StallUntilCancelled,

    /// <summary>Never answers at all, whatever the token says (until the test ends).</summary>
    StallForever,

    /// <summary>Fails at once, as an unreachable database does.</summary>
    Fail,
}

/// <summary>
/// The real lock store with renewals scripted by call number (1 = first), and an optional action run while an
/// acquisition or renewal is "in flight" (e.g. advancing a fake clock, as a slow database would let time pass).
/// </summary>
internal sealed class ScriptedLockStore(IClusterLockStore inner, Func<int, RenewalBehaviour> plan) : IClusterLockStore
{
    private readonly TaskCompletionSource forever = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int renewCalls;
    private int cancelledRenewals;

    /// <summary>Runs inside each acquisition before the real one.</summary>
    public Action? DuringAcquire { get; set; }

    /// <summary>Runs inside renewal number N (1-based) that renews, after the real renewal.</summary>
    public Action<int>? DuringRenew { get; set; }

    /// <summary>How many renewals were started.</summary>
    public int RenewCalls => Volatile.Read(ref renewCalls);

    /// <summary>How many stalled renewals saw their token cancelled (counted the moment it is cancelled).</summary>
    public int CancelledRenewals => Volatile.Read(ref cancelledRenewals);

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
                using (ct.Register(() => Interlocked.Increment(ref cancelledRenewals)))
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }

                throw new InvalidOperationException("unreachable");
            case RenewalBehaviour.StallForever:
                await forever.Task;
                throw new InvalidOperationException("unreachable");
            case RenewalBehaviour.Fail:
                await Task.Yield();
                throw new TimeoutException("the cluster database did not answer (scripted)");
            default:
                var renewed = await inner.RenewAsync(grants, lease, ct);
                if (DuringRenew is { } during)
                {
                    // Never inline in the caller's clock.Advance (a timer callback): run it as a continuation of its own.
                    await Task.Yield();
                    during(call);
                }

                return renewed;
        }
    }

    public Task<bool> ReleaseAsync(string name, LockOwner owner, CancellationToken ct = default) => inner.ReleaseAsync(name, owner, ct);

    public Task<bool> ReleaseAsync(LockGrant grant, CancellationToken ct = default) => inner.ReleaseAsync(grant, ct);

    public Task<int> ReleaseOwnerAsync(string ownerId, CancellationToken ct = default) => inner.ReleaseOwnerAsync(ownerId, ct);

    public Task<int> ReleaseSiloAsync(string siloId, CancellationToken ct = default) => inner.ReleaseSiloAsync(siloId, ct);
}
