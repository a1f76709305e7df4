using System.CommandLine;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary><c>oplat nodes list</c>: every node of the cluster, from any node agent (<c>GET /api/nodes</c>).</summary>
internal static class NodesCommand
{
    public static Command Create(ApiCommandRunner runner)
    {
        var nodes = new Command("nodes", "The cluster's nodes (one node agent per machine)");
        var list = new Command("list", "Every node: status (up, down, stopped), host, agent API, heartbeat age, version");
        list.SetAction((parse, cancellationToken) => runner.RunOnAgentAsync(parse, (api, ct) => api.GetAsync("nodes", ct), NodesView.Render, cancellationToken));
        nodes.Add(list);
        return nodes;
    }
}
