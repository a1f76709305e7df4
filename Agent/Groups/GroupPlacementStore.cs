using Dapper;
using OrleansPlatform.Agent.Nodes;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Agent.Groups;

/// <summary><c>agent_groups</c> in the cluster database; every statement is parameterised.</summary>
internal sealed class GroupPlacementStore(IClusterDatabase database) : IGroupPlacementStore
{
    private const string Columns = "group_id AS GroupId, active_node AS ActiveNode, fencing_token AS FencingToken, preferred_node AS PreferredNode";

    private readonly string now = DatabaseClock.NowMs(database.Provider);

    public async Task<GroupPlacement?> GetAsync(string groupId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<GroupPlacement>(new CommandDefinition(
            $"SELECT {Columns} FROM agent_groups WHERE group_id = @GroupId", new { GroupId = groupId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<GroupPlacement>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<GroupPlacement>(new CommandDefinition(
            $"SELECT {Columns} FROM agent_groups ORDER BY group_id", cancellationToken: cancellationToken))).AsList();
    }

    public async Task<bool> ClaimAsync(string groupId, string nodeId, long fencingToken, CancellationToken cancellationToken)
    {
        var sql = "INSERT INTO agent_groups (group_id, active_node, fencing_token, preferred_node, changed_at_ms) "
            + $"VALUES (@GroupId, @NodeId, @Token, NULL, {now}) "
            + "ON CONFLICT (group_id) DO UPDATE SET active_node = excluded.active_node, fencing_token = excluded.fencing_token, "
            + "preferred_node = CASE WHEN agent_groups.preferred_node = excluded.active_node THEN NULL ELSE agent_groups.preferred_node END, "
            + "changed_at_ms = excluded.changed_at_ms WHERE agent_groups.fencing_token < excluded.fencing_token";
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { GroupId = groupId, NodeId = nodeId, Token = fencingToken }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task ReleaseAsync(string groupId, long fencingToken, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE agent_groups SET active_node = NULL, changed_at_ms = {now} WHERE group_id = @GroupId AND fencing_token = @Token",
            new { GroupId = groupId, Token = fencingToken },
            cancellationToken: cancellationToken));
    }

    public async Task RequestMoveAsync(string groupId, string nodeId, CancellationToken cancellationToken)
    {
        var sql = "INSERT INTO agent_groups (group_id, active_node, fencing_token, preferred_node, changed_at_ms) "
            + $"VALUES (@GroupId, NULL, 0, @NodeId, {now}) "
            + "ON CONFLICT (group_id) DO UPDATE SET preferred_node = excluded.preferred_node, changed_at_ms = excluded.changed_at_ms";
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { GroupId = groupId, NodeId = nodeId }, cancellationToken: cancellationToken));
    }
}
