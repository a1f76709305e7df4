using Dapper;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Agent.Nodes;

/// <summary>The <c>nodes</c> table in the cluster database; every statement is parameterised.</summary>
internal sealed class NodeRegistry(IClusterDatabase database) : INodeRegistry
{
    private readonly string now = DatabaseClock.NowMs(database.Provider);

    public async Task RegisterAsync(NodeRecord node, CancellationToken cancellationToken)
    {
        var sql = "INSERT INTO nodes (node_id, host_name, agent_url, status, version, pid, started_at_ms, heartbeat_at_ms) "
            + $"VALUES (@NodeId, @Host, @AgentUrl, 'up', @Version, @Pid, {now}, {now}) "
            + "ON CONFLICT (node_id) DO UPDATE SET host_name = excluded.host_name, agent_url = excluded.agent_url, status = 'up', "
            + "version = excluded.version, pid = excluded.pid, started_at_ms = excluded.started_at_ms, heartbeat_at_ms = excluded.heartbeat_at_ms";
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { node.NodeId, node.Host, node.AgentUrl, node.Version, node.Pid }, cancellationToken: cancellationToken));
    }

    public async Task<bool> HeartbeatAsync(string nodeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE nodes SET heartbeat_at_ms = {now}, status = 'up' WHERE node_id = @NodeId", new { NodeId = nodeId }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<string>> MarkLapsedDownAsync(TimeSpan downAfter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var down = await connection.QueryAsync<string>(new CommandDefinition(
            $"UPDATE nodes SET status = 'down' WHERE status = 'up' AND heartbeat_at_ms < {now} - @DownAfterMs RETURNING node_id",
            new { DownAfterMs = (long)downAfter.TotalMilliseconds },
            cancellationToken: cancellationToken));
        return down.AsList();
    }

    public async Task MarkStoppedAsync(string nodeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE nodes SET status = 'stopped' WHERE node_id = @NodeId", new { NodeId = nodeId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<NodeRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var sql = "SELECT node_id AS NodeId, host_name AS Host, agent_url AS AgentUrl, status AS Status, version AS Version, CAST(pid AS bigint) AS Pid, "
            + $"started_at_ms AS StartedAtMs, heartbeat_at_ms AS HeartbeatAtMs, {now} - heartbeat_at_ms AS HeartbeatAgeMs FROM nodes ORDER BY node_id";
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<NodeRow>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new NodeRecord(r.NodeId, r.Host, r.AgentUrl, r.Status, r.Version, (int)r.Pid, r.StartedAtMs, r.HeartbeatAtMs, r.HeartbeatAgeMs))];
    }

    // SQLite hands integers back as Int64 whatever the column's declared type.
    private sealed record NodeRow(string NodeId, string Host, string AgentUrl, string Status, string Version, long Pid, long StartedAtMs, long HeartbeatAtMs, long HeartbeatAgeMs);
}
