namespace OrleansPlatform.Agent.Nodes;

/// <summary>One node as the <c>nodes</c> table holds it.</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="Host">The host name its agent gave.</param>
/// <param name="AgentUrl">Where its agent's API answers.</param>
/// <param name="Status"><c>up</c>, <c>down</c> (its heartbeat lapsed) or <c>stopped</c> (its agent stopped cleanly).</param>
/// <param name="Version">The agent's version.</param>
/// <param name="Pid">The agent's process id.</param>
/// <param name="StartedAtMs">When the agent registered, Unix ms (database clock).</param>
/// <param name="HeartbeatAtMs">Its last heartbeat, Unix ms (database clock).</param>
/// <param name="HeartbeatAgeMs">How old that heartbeat was when read, by the same clock.</param>
public sealed record NodeRecord(string NodeId, string Host, string AgentUrl, string Status, string Version, int Pid, long StartedAtMs, long HeartbeatAtMs, long HeartbeatAgeMs)
{
    /// <summary>Up and heartbeating within <paramref name="downAfter"/>.</summary>
    public bool IsLive(TimeSpan downAfter) => Status == NodeStatuses.Up && HeartbeatAgeMs < downAfter.TotalMilliseconds;
}
