namespace OrleansPlatform.Agent.Groups;

/// <summary>Where a failover group runs, as <c>agent_groups</c> holds it.</summary>
/// <param name="GroupId">The group.</param>
/// <param name="ActiveNode">The node running it, or null while none does.</param>
/// <param name="FencingToken">The token its node claimed it with.</param>
/// <param name="PreferredNode">A pending move's target, or null.</param>
public sealed record GroupPlacement(string GroupId, string? ActiveNode, long FencingToken, string? PreferredNode);
