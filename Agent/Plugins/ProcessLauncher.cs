using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Options;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Agent.Processes;
using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>
/// Starts a resource's process on a leash, with the agent's variables for it (node, resource, fencing token), inside
/// its network namespace when it names one.
/// </summary>
internal sealed class ProcessLauncher(ProcessWatchdog watchdog, IOptions<SupervisionOptions> options)
{
    /// <summary>The node id, for the process.</summary>
    public const string NodeVariable = "OPLAT_NODE_ID";

    /// <summary>The resource id, for the process.</summary>
    public const string ResourceVariable = "OPLAT_RESOURCE_ID";

    /// <summary>The fencing token of the failover group's lock the process runs under.</summary>
    public const string FencingTokenVariable = "OPLAT_FENCING_TOKEN";

    public Task<ChildProcess> StartAsync(ResourceSpec resource, ResourceStartContext context, string fileName, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var environment = resource.Environment
            .SetItem(NodeVariable, context.NodeId)
            .SetItem(ResourceVariable, resource.Id);
        if (context.FencingToken is { } token)
        {
            environment = environment.SetItem(FencingTokenVariable, token.ToString(CultureInfo.InvariantCulture));
        }

        var command = new ProcessCommand(fileName, [.. args], environment, resource.WorkingDirectory);
        if (resource.NetworkNamespace is { } networkNamespace)
        {
            command = NetworkNamespaces.Wrap(command, networkNamespace);
        }

        return ChildProcess.StartAsync(command, watchdog, options.Value.WatchdogTimeout, cancellationToken);
    }

    /// <summary>The facts every process resource shows.</summary>
    public static ImmutableDictionary<string, string> Facts(ResourceSpec resource, string fileName, IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var facts = ImmutableDictionary<string, string>.Empty.Add("command", Shorten(string.Join(' ', new[] { fileName }.Concat(args))));
        return resource.NetworkNamespace is { } networkNamespace ? facts.Add("network namespace", networkNamespace) : facts;
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
