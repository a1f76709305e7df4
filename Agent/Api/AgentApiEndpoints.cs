using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Agent.Groups;
using OrleansPlatform.Agent.Nodes;
using OrleansPlatform.Agent.Supervision;

namespace OrleansPlatform.Agent.Api;

/// <summary>
/// The agent's HTTP API under <c>/api</c>, behind the admin credentials (HTTP Basic, user <c>admin</c>). Errors are
/// problem+json: 404 unknown resource, group or node, 409 refused (a failover group held by another node, a move to a
/// node that is down or not allowed), 503 cluster database unavailable.
/// </summary>
internal static class AgentApiEndpoints
{
    /// <summary>The authorization policy of every endpoint.</summary>
    public const string Policy = "oplat-agent-admin";

    public static void MapAgentApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policy);
        api.MapGet("/node", (NodeHeartbeatService heartbeat) => Results.Ok(AgentJson.Node(heartbeat.Self)));
        api.MapGet("/nodes", ListNodesAsync);
        api.MapGet("/resources", (GroupManager groups) => Results.Ok(groups.Resources.Values.Select(s => AgentJson.Resource(s.Status, groups.Topology.NodeId))));
        api.MapGet("/resources/{id}", (string id, GroupManager groups) =>
            groups.Resources.TryGetValue(id, out var supervisor) ? Results.Ok(AgentJson.Resource(supervisor.Status, groups.Topology.NodeId)) : UnknownResource(id, groups));
        api.MapPost("/resources/{id}/start", (string id, GroupManager groups) => ActAsync(id, groups, s => s.StartAsync()));
        api.MapPost("/resources/{id}/stop", (string id, GroupManager groups) => ActAsync(id, groups, s => s.StopAsync("stopped by an operator")));
        api.MapPost("/resources/{id}/restart", (string id, GroupManager groups) => ActAsync(id, groups, s => s.RestartAsync()));
        api.MapGet("/groups", ListGroupsAsync);
        api.MapPost("/groups/{id}/move", MoveGroupAsync);
    }

    private static async Task<IResult> ListNodesAsync(INodeRegistry nodes, IOptions<HeartbeatOptions> heartbeat, CancellationToken cancellationToken)
    {
        var all = await nodes.ListAsync(cancellationToken);
        return Results.Ok(all.Select(n => AgentJson.Node(n, heartbeat.Value.NodeDownAfter)));
    }

    private static async Task<IResult> ListGroupsAsync(GroupManager groups, IGroupPlacementStore placements, CancellationToken cancellationToken)
    {
        var placed = (await placements.ListAsync(cancellationToken)).ToDictionary(p => p.GroupId, StringComparer.Ordinal);
        return Results.Ok(groups.Topology.Groups.Select(g => AgentJson.Group(g, placed.GetValueOrDefault(g.Id), groups.Runners.GetValueOrDefault(g.Id), groups.Topology.NodeId)));
    }

    private static async Task<IResult> MoveGroupAsync(
        string id,
        MoveRequest? request,
        GroupManager groups,
        IGroupPlacementStore placements,
        INodeRegistry nodes,
        IOptions<HeartbeatOptions> heartbeat,
        CancellationToken cancellationToken)
    {
        var group = groups.Topology.Groups.FirstOrDefault(g => g.Id == id);
        if (group is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown group", $"There is no group '{id}' (groups: {string.Join(", ", groups.Topology.Groups.Select(g => g.Id))}).");
        }

        if (string.IsNullOrWhiteSpace(request?.Node))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid request", "The body must name the target node: {\"node\": \"...\"}.");
        }

        if (!group.Failover)
        {
            return Problem(StatusCodes.Status409Conflict, "Not a failover group", $"Group '{id}' runs on every node it is pinned to; only failover groups move.");
        }

        var target = (await nodes.ListAsync(cancellationToken)).FirstOrDefault(n => n.NodeId == request.Node);
        if (target is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown node", $"There is no node '{request.Node}' ('oplat nodes list' shows them).");
        }

        if (!group.RunsOn(target.NodeId))
        {
            return Problem(StatusCodes.Status409Conflict, "Node not allowed", $"Group '{id}' is pinned to {string.Join(", ", group.Nodes)}; not to '{target.NodeId}'.");
        }

        if (!target.IsLive(heartbeat.Value.NodeDownAfter))
        {
            return Problem(StatusCodes.Status409Conflict, "Node down", $"Node '{target.NodeId}' is {target.Status} (no heartbeat for {target.HeartbeatAgeMs / 1000.0:0.0} s); a group moves only to a live node.");
        }

        var before = await placements.GetAsync(id, cancellationToken);
        await placements.RequestMoveAsync(id, target.NodeId, cancellationToken);
        return Results.Json(new JsonObject { ["group"] = id, ["from"] = before?.ActiveNode, ["to"] = target.NodeId, ["status"] = "moving" }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ActAsync(string id, GroupManager groups, Func<ResourceSupervisor, Task> action)
    {
        if (!groups.Resources.TryGetValue(id, out var supervisor))
        {
            return UnknownResource(id, groups);
        }

        if (groups.PermitOf(supervisor.Spec.Group) is { MayRun: false })
        {
            return Problem(StatusCodes.Status409Conflict, "Group runs elsewhere", $"'{id}' belongs to failover group '{supervisor.Spec.Group}', which this node does not hold; move the group here first ('oplat groups move {supervisor.Spec.Group} {groups.Topology.NodeId}').");
        }

        await action(supervisor);
        return Results.Ok(AgentJson.Resource(supervisor.Status, groups.Topology.NodeId));
    }

    private static IResult UnknownResource(string id, GroupManager groups) =>
        Problem(StatusCodes.Status404NotFound, "Unknown resource", $"Node '{groups.Topology.NodeId}' has no resource '{id}' (resources: {string.Join(", ", groups.Resources.Keys.Order(StringComparer.Ordinal))}).");

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>The body of a move.</summary>
    /// <param name="Node">The target node id.</param>
    internal sealed record MoveRequest(string? Node);
}
