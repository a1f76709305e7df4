using System.CommandLine;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary><c>oplat resources list|start|stop|restart</c>: a node's supervised resources (<c>/api/resources</c>).</summary>
internal static class ResourcesCommand
{
    public static Command Create(ApiCommandRunner runner)
    {
        var resources = new Command("resources", "A node's supervised resources (silos, Gateways, PostgreSQL, processes, checks)");
        var listNode = AgentTarget.NodeOption();
        var list = new Command("list", "Every resource of the node: group, type, state, pid, restarts, since, detail") { listNode };
        list.SetAction((parse, cancellationToken) => runner.RunOnAgentAsync(
            parse,
            (api, ct) => AgentTarget.OnNodeAsync(api, parse.GetValue(listNode), runner.Password, (target, t) => target.GetAsync("resources", t), ct),
            ResourcesView.RenderList,
            cancellationToken));
        resources.Add(list);
        resources.Add(Action(runner, "start", "Start the resource (one marked failed after a crash loop starts afresh)"));
        resources.Add(Action(runner, "stop", "Stop the resource; the agent leaves it down until it is started"));
        resources.Add(Action(runner, "restart", "Stop the resource and start it again"));
        return resources;
    }

    private static Command Action(ApiCommandRunner runner, string verb, string description)
    {
        var id = Names.Required("id", "The resource's id, as 'resources list' shows it");
        var node = AgentTarget.NodeOption();
        var command = new Command(verb, description) { id, node };
        command.SetAction((parse, cancellationToken) => runner.RunOnAgentAsync(
            parse,
            (api, ct) => AgentTarget.OnNodeAsync(
                api,
                parse.GetValue(node),
                runner.Password,
                (target, t) => target.PostAsync($"resources/{AdminApiClient.Segment(parse.GetRequiredValue(id))}/{verb}", null, t),
                ct),
            ResourcesView.RenderOne,
            cancellationToken));
        return command;
    }
}
