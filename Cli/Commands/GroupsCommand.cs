using System.CommandLine;
using System.Text.Json.Nodes;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary><c>oplat groups list|move</c>: resource groups and where failover groups run (<c>/api/groups</c>).</summary>
internal static class GroupsCommand
{
    // A move waits for the holder to stop the group and the target to take the lock and start it.
    private static readonly TimeSpan MoveWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static Command Create(ApiCommandRunner runner)
    {
        var groups = new Command("groups", "Resource groups: list them, move a failover group to another node");
        var list = new Command("list", "Every group: failover or not, its nodes, resources, the node running it, fencing token");
        list.SetAction((parse, cancellationToken) => runner.RunOnAgentAsync(parse, (api, ct) => api.GetAsync("groups", ct), GroupsView.RenderList, cancellationToken));
        groups.Add(list);

        var group = Names.Required("group", "The failover group's id, as 'groups list' shows it");
        var node = Names.Required("node", "The node to run it on (a live node it may run on)");
        var move = new Command("move", "Move a failover group to another node and wait until it runs there") { group, node };
        move.SetAction((parse, cancellationToken) => runner.RunOnAgentAsync(
            parse,
            (api, ct) => MoveAsync(api, parse.GetRequiredValue(group), parse.GetRequiredValue(node), ct),
            GroupsView.RenderMove,
            cancellationToken));
        groups.Add(move);
        return groups;
    }

    private static async Task<ApiResult> MoveAsync(AdminApiClient api, string group, string node, CancellationToken cancellationToken)
    {
        var requested = await api.PostAsync($"groups/{AdminApiClient.Segment(group)}/move", new JsonObject { ["node"] = node }, cancellationToken);
        if (requested.Problem is not null)
        {
            return requested;
        }

        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < MoveWait)
        {
            var groups = await api.GetAsync("groups", cancellationToken);
            if (groups.Problem is not null)
            {
                return groups;
            }

            var current = groups.Body.Items().FirstOrDefault(g => g.Text("id") == group);
            if (current.Text("activeNode") == node && current.TextOrNull("preferredNode") is null)
            {
                var answer = JsonNode.Parse(current.GetRawText())!.AsObject();
                answer["from"] = requested.Body.TextOrNull("from");
                answer["movedInSeconds"] = Math.Round(TimeProvider.System.GetElapsedTime(started).TotalSeconds, 1);
                return ApiResult.Success(System.Text.Json.JsonSerializer.SerializeToElement(answer));
            }

            await Task.Delay(Poll, cancellationToken);
        }

        return ApiResult.Failure(ApiProblem.Local($"group '{group}' did not start on node '{node}' within {MoveWait.TotalSeconds:0} s; 'oplat groups list' shows where it is"));
    }
}
