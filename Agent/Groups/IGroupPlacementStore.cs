namespace OrleansPlatform.Agent.Groups;

/// <summary>The <c>agent_groups</c> table: which node runs each failover group, fenced by the group lock's token.</summary>
public interface IGroupPlacementStore
{
    /// <summary>The group's placement, or null when it never ran.</summary>
    Task<GroupPlacement?> GetAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>Every placement, by group id.</summary>
    Task<IReadOnlyList<GroupPlacement>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="nodeId"/> as running the group under <paramref name="fencingToken"/>, only if that token is
    /// above the stored one; clears a pending move to this node. False when a newer holder has claimed it.
    /// </summary>
    Task<bool> ClaimAsync(string groupId, string nodeId, long fencingToken, CancellationToken cancellationToken);

    /// <summary>Records that the holder of <paramref name="fencingToken"/> no longer runs the group.</summary>
    Task ReleaseAsync(string groupId, long fencingToken, CancellationToken cancellationToken);

    /// <summary>Asks for the group to move to <paramref name="nodeId"/>: its holder hands it over, that node takes it.</summary>
    Task RequestMoveAsync(string groupId, string nodeId, CancellationToken cancellationToken);
}
