namespace OrleansPlatform.Runtime.Membership;

/// <summary>The read side of membership, used by silos and by the cluster client (gateway). Thread-safe.</summary>
public interface IMembershipView
{
    /// <summary>The latest snapshot read (never older than a previously published one).</summary>
    MembershipSnapshot Current { get; }

    /// <summary>
    /// Raised after a refresh that saw a different version or a status change (including a row that appeared or was
    /// removed). Handlers run on the refreshing thread, one at a time; an exception they throw is logged and ignored.
    /// </summary>
    event Action<MembershipSnapshot>? Changed;

    /// <summary>Reads the table now, publishes the snapshot (raising <see cref="Changed"/> when it changed) and returns it.</summary>
    Task<MembershipSnapshot> RefreshAsync(CancellationToken cancellationToken = default);
}
