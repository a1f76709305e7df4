namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>
/// Tells a cluster client's callers that one of its gateway connections has just closed. An Orleans client fails the
/// calls in flight through a gateway that died only at the response timeout; a caller that can repeat its call safely
/// (the Gateway's session calls, idempotent by seq) watches <see cref="ConnectionLost"/> and sends again at once, through
/// a live gateway. A connection that closes for any other reason only causes a harmless repeat.
/// </summary>
public sealed class GatewayConnectionMonitor
{
    private CancellationTokenSource current = new();

    /// <summary>Cancelled when a gateway connection closes after this token was taken; take a fresh one per call.</summary>
    public CancellationToken ConnectionLost => Volatile.Read(ref current).Token;

    internal void OnConnectionClosed()
    {
        var closed = Interlocked.Exchange(ref current, new CancellationTokenSource());
        closed.Cancel();
    }
}
