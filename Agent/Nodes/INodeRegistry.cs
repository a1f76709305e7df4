namespace OrleansPlatform.Agent.Nodes;

/// <summary>The <c>nodes</c> table: registration, heartbeats, and the cluster's view of which nodes are live.</summary>
public interface INodeRegistry
{
    /// <summary>Registers (or re-registers) this node as up.</summary>
    Task RegisterAsync(NodeRecord node, CancellationToken cancellationToken);

    /// <summary>Writes this node's heartbeat; false when its row is gone (then register again).</summary>
    Task<bool> HeartbeatAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>Marks up nodes whose heartbeat is older than <paramref name="downAfter"/> as down; returns their ids.</summary>
    Task<IReadOnlyList<string>> MarkLapsedDownAsync(TimeSpan downAfter, CancellationToken cancellationToken);

    /// <summary>Marks this node stopped (its agent stops cleanly).</summary>
    Task MarkStoppedAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>Every node, by id.</summary>
    Task<IReadOnlyList<NodeRecord>> ListAsync(CancellationToken cancellationToken);
}
