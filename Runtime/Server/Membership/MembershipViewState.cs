using System.Text;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>
/// The published snapshot of a view and its <see cref="Changed"/> event. Refreshes are serialised, so snapshots are
/// published in read order and handlers run one at a time.
/// </summary>
internal sealed class MembershipViewState(MembershipTable table, MembershipOptions options, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim refreshLock = new(1, 1);
    private MembershipSnapshot current = MembershipSnapshot.Empty;

    public event Action<MembershipSnapshot>? Changed;

    public MembershipSnapshot Current => Volatile.Read(ref current);

    /// <summary>Reads the table and publishes the result; throws when the read fails (the last snapshot stays).</summary>
    public async Task<MembershipSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        await refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = await table.ReadAsync(options.DeathTimeout * 2, cancellationToken).ConfigureAwait(false);
            var previous = Current;
            Volatile.Write(ref current, next);
            if (next.Version != previous.Version || StatusesDiffer(previous, next))
            {
                MembershipLog.Changed(logger, table.ClusterId, next.Version, new SnapshotSummary(next));
                Raise(next);
            }

            return next;
        }
        finally
        {
            refreshLock.Release();
        }
    }

    /// <summary>Reads and publishes; a failure is logged and null returned (the last snapshot stays).</summary>
    public async Task<MembershipSnapshot?> TryRefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MembershipLog.RefreshFailed(logger, exception, table.ClusterId, Current.Version);
            return null;
        }
    }

    public void Dispose() => refreshLock.Dispose();

    private void Raise(MembershipSnapshot snapshot)
    {
        var handlers = Changed;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<MembershipSnapshot>>())
        {
            try
            {
                handler(snapshot);
            }
            catch (Exception exception)
            {
                MembershipLog.ChangedHandlerFailed(logger, exception);
            }
        }
    }

    private static bool StatusesDiffer(MembershipSnapshot previous, MembershipSnapshot next)
    {
        if (previous.Silos.Length != next.Silos.Length)
        {
            return true;
        }

        // Both are ordered by silo id.
        for (var i = 0; i < next.Silos.Length; i++)
        {
            if (!string.Equals(previous.Silos[i].Address.Id, next.Silos[i].Address.Id, StringComparison.Ordinal)
                || previous.Silos[i].Status != next.Silos[i].Status)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Formats a snapshot for the log only when the entry is written.</summary>
    internal readonly struct SnapshotSummary(MembershipSnapshot snapshot)
    {
        public override string ToString() => Summary(snapshot);
    }

    private static string Summary(MembershipSnapshot snapshot)
    {
        if (snapshot.Silos.IsEmpty)
        {
            return "no silos";
        }

        var text = new StringBuilder();
        foreach (var silo in snapshot.Silos)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(silo.Address.Id).Append(' ').Append(silo.Status);
        }

        return text.ToString();
    }
}
