namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>
/// Tells a cluster client's callers that a call in flight may have been lost: one of its gateway connections closed, or a
/// silo was declared dead. An Orleans client fails a call in flight to a silo that died only at the response timeout
/// (neither it nor the gateway silo holds the call's callback for the dead silo), so a caller that can repeat its call
/// safely (the Gateway's session calls, idempotent by seq) watches <see cref="Changed"/> and sends again at once. A
/// change that did not touch the call only causes a harmless repeat.
/// </summary>
public sealed class ClusterChangeMonitor
{
    private CancellationTokenSource current = new();

    /// <summary>Cancelled at the next change after this token was taken; take a fresh one per call.</summary>
    public CancellationToken Changed => Volatile.Read(ref current).Token;

    internal void Signal()
    {
        var signalled = Interlocked.Exchange(ref current, new CancellationTokenSource());
        signalled.Cancel();
    }
}
