namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// Who holds a cluster lock: an owner (a grain activation or a session; unique in the cluster) on a silo. When the silo's
/// membership row is declared dead, everything its owners hold is free at once; a silo id with no membership row (a
/// single-silo or test deployment) counts as alive.
/// </summary>
/// <param name="OwnerId">The holder's identity, e.g. an activation id; one owner holds a given lock at most once.</param>
/// <param name="SiloId">The silo the owner runs on, as in the membership table (Orleans' <c>SiloAddress.ToParsableString()</c>: <c>address:port@generation</c>).</param>
public readonly record struct LockOwner(string OwnerId, string SiloId)
{
    /// <inheritdoc />
    public override string ToString() => $"{OwnerId} on {SiloId}";
}
