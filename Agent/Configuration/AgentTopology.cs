using System.Collections.Immutable;
using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Configuration;

/// <summary>What this node's agent runs: every configured group (including those pinned elsewhere, for listing) and its resources.</summary>
/// <param name="NodeId">This node.</param>
/// <param name="Groups">Every group of the configuration, by id order.</param>
/// <param name="BootstrapGroup">The group started before the database, if any.</param>
public sealed record AgentTopology(string NodeId, ImmutableArray<GroupSpec> Groups, string? BootstrapGroup)
{
    /// <summary>The keyword of <see cref="ResourceOptions.DependsOn"/> for "no dependency".</summary>
    public const string NoDependency = "none";

    /// <summary>The groups this node may run.</summary>
    public IEnumerable<GroupSpec> Local => Groups.Where(g => g.RunsOn(NodeId));

    /// <summary>Builds the topology from options that passed <see cref="AgentOptionsValidator"/>.</summary>
    public static AgentTopology From(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var groups = options.Groups
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupSpec(
                g.Key,
                g.Value.Nodes.Any(n => string.Equals(n, GroupOptions.Anywhere, StringComparison.OrdinalIgnoreCase)) ? [] : [.. g.Value.Nodes],
                g.Value.Failover,
                [.. Resources(g.Key, g.Value)]))
            .ToImmutableArray();
        return new AgentTopology(options.NodeId, groups, string.IsNullOrWhiteSpace(options.BootstrapGroup) ? null : options.BootstrapGroup);
    }

    /// <summary>The configuration path of a group's resource.</summary>
    public static string ResourceKey(string group, int index) => $"{AgentOptions.SectionName}:Groups:{group}:Resources:{index}";

    private static IEnumerable<ResourceSpec> Resources(string group, GroupOptions options)
    {
        for (var i = 0; i < options.Resources.Count; i++)
        {
            var resource = options.Resources[i];
            yield return new ResourceSpec(
                resource.Id!,
                resource.Type!,
                group,
                ResourceKey(group, i),
                string.IsNullOrWhiteSpace(resource.Command) ? null : resource.Command,
                [.. resource.Args],
                resource.Env.ToImmutableDictionary(StringComparer.Ordinal),
                string.IsNullOrWhiteSpace(resource.WorkingDirectory) ? null : resource.WorkingDirectory,
                string.IsNullOrWhiteSpace(resource.Url) ? null : resource.Url,
                DependenciesOf(options, i),
                resource.Settings.ToImmutableDictionary(StringComparer.Ordinal),
                string.IsNullOrWhiteSpace(resource.NetworkNamespace) ? null : resource.NetworkNamespace);
        }
    }

    private static ImmutableArray<string> DependenciesOf(GroupOptions group, int index)
    {
        var declared = group.Resources[index].DependsOn;
        if (declared.Count > 0)
        {
            return [.. declared.Where(d => !string.Equals(d, NoDependency, StringComparison.OrdinalIgnoreCase))];
        }

        return index == 0 ? [] : [group.Resources[index - 1].Id!];
    }
}
