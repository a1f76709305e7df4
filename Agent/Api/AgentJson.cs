using System.Text.Json.Nodes;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Agent.Groups;
using OrleansPlatform.Agent.Nodes;
using OrleansPlatform.Agent.Supervision;

namespace OrleansPlatform.Agent.Api;

/// <summary>The API's JSON shapes (camelCase), one place for the CLI's tables and <c>--json</c> to rely on.</summary>
internal static class AgentJson
{
    public static JsonObject Node(NodeRecord node, TimeSpan? downAfter = null) => new()
    {
        ["id"] = node.NodeId,
        ["host"] = node.Host,
        ["agentUrl"] = node.AgentUrl,
        ["status"] = downAfter is { } after && node.Status == NodeStatuses.Up && !node.IsLive(after) ? NodeStatuses.Down : node.Status,
        ["version"] = node.Version,
        ["pid"] = node.Pid,
        ["startedAt"] = node.StartedAtMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(node.StartedAtMs).ToString("O"),
        ["heartbeatAt"] = node.HeartbeatAtMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(node.HeartbeatAtMs).ToString("O"),
        ["heartbeatAgeSeconds"] = node.HeartbeatAtMs == 0 ? null : node.HeartbeatAgeMs / 1000.0,
    };

    public static JsonObject Resource(ResourceStatus status, string nodeId)
    {
        var description = new JsonObject();
        foreach (var (key, value) in status.Description.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            description[key] = value;
        }

        return new JsonObject
        {
            ["id"] = status.Id,
            ["node"] = nodeId,
            ["group"] = status.Group,
            ["type"] = status.Type,
            ["state"] = status.State.Name(),
            ["detail"] = status.Detail,
            ["pid"] = status.Pid,
            ["restarts"] = status.Restarts,
            ["lastExitCode"] = status.LastExitCode,
            ["since"] = status.Since.ToString("O"),
            ["description"] = description,
        };
    }

    public static JsonObject Group(GroupSpec group, GroupPlacement? placement, GroupRunner? runner, string nodeId) => new()
    {
        ["id"] = group.Id,
        ["failover"] = group.Failover,
        ["nodes"] = group.Nodes.IsEmpty ? new JsonArray(GroupOptions.Anywhere) : new JsonArray([.. group.Nodes.Select(n => (JsonNode)n)]),
        ["resources"] = new JsonArray([.. group.Resources.Select(r => (JsonNode)r.Id)]),
        ["activeNode"] = group.Failover ? placement?.ActiveNode : null,
        ["preferredNode"] = placement?.PreferredNode,
        ["fencingToken"] = group.Failover ? placement?.FencingToken : null,
        ["runsHere"] = runner?.IsActive ?? false,
        ["node"] = nodeId,
    };
}
