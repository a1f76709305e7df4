using System.CommandLine;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary>
/// <c>--node</c>: run a resource command on another node's agent. The agent at <c>--agent</c> knows every node's API
/// address (the <c>nodes</c> table); the call then goes there, with the same credentials.
/// </summary>
internal static class AgentTarget
{
    public static Option<string?> NodeOption() => new("--node")
    {
        Description = "The node whose agent to ask (default: the agent at --agent); 'oplat nodes list' shows them",
        HelpName = "node",
    };

    /// <summary>Calls <paramref name="call"/> on <paramref name="node"/>'s agent, or on <paramref name="api"/>'s own when no node is named.</summary>
    public static async Task<ApiResult> OnNodeAsync(AdminApiClient api, string? node, string? password, Func<AdminApiClient, CancellationToken, Task<ApiResult>> call, CancellationToken cancellationToken)
    {
        if (node is null)
        {
            return await call(api, cancellationToken);
        }

        var nodes = await api.GetAsync("nodes", cancellationToken);
        if (nodes.Problem is not null)
        {
            return nodes;
        }

        var url = nodes.Body.Items().Where(n => n.Text("id") == node).Select(n => n.Text("agentUrl")).FirstOrDefault();
        if (url is null)
        {
            return ApiResult.Failure(ApiProblem.Local($"there is no node '{node}' ('oplat nodes list' shows them)"));
        }

        if (!GlobalOptions.TryParseUrl(url, out var agent))
        {
            return ApiResult.Failure(ApiProblem.Local($"node '{node}' advertises no usable agent URL ('{url}')"));
        }

        using var other = new AdminApiClient(agent, password, AdminApiClient.AgentApiPath);
        return await call(other, cancellationToken);
    }
}
