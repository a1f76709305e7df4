using Microsoft.Extensions.Options;
using OrleansPlatform.Agent.Plugins;
using OrleansPlatform.Agent.Processes;
using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Configuration;

/// <summary>
/// Checks the node, its groups and their resources: ids, plugin types (each resource is then checked by its own
/// plugin), dependencies (same group, no cycles) and the bootstrap group. Every problem names its key.
/// </summary>
internal sealed class AgentOptionsValidator(IResourcePluginCatalog plugins) : IValidateOptions<AgentOptions>
{
    private const string Section = AgentOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var problems = new List<string>();
        if (!AgentIds.IsValid(options.NodeId))
        {
            problems.Add($"{Section}:NodeId '{options.NodeId}' is not a valid node id ({AgentIds.Rule}).");
        }

        var resourceIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (groupId, group) in options.Groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            ValidateGroup(groupId, group, resourceIds, problems);
        }

        if (!string.IsNullOrWhiteSpace(options.BootstrapGroup))
        {
            if (!options.Groups.TryGetValue(options.BootstrapGroup, out var bootstrap))
            {
                problems.Add($"{Section}:BootstrapGroup '{options.BootstrapGroup}' is not one of {Section}:Groups.");
            }
            else if (bootstrap.Failover)
            {
                problems.Add($"{Section}:BootstrapGroup '{options.BootstrapGroup}' is a failover group; the group that runs the cluster database cannot wait for a lock in it.");
            }
        }

        for (var i = 0; i < options.PluginAssemblies.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.PluginAssemblies[i]))
            {
                problems.Add($"{Section}:PluginAssemblies:{i} is empty.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private void ValidateGroup(string groupId, GroupOptions group, Dictionary<string, string> resourceIds, List<string> problems)
    {
        var key = $"{Section}:Groups:{groupId}";
        if (!AgentIds.IsValid(groupId))
        {
            problems.Add($"{key} is not a valid group id ({AgentIds.Rule}).");
        }

        for (var i = 0; i < group.Nodes.Count; i++)
        {
            var node = group.Nodes[i];
            if (!string.Equals(node, GroupOptions.Anywhere, StringComparison.OrdinalIgnoreCase) && !AgentIds.IsValid(node))
            {
                problems.Add($"{key}:Nodes:{i} '{node}' is neither a node id nor '{GroupOptions.Anywhere}'.");
            }
        }

        if (group.Resources.Count == 0)
        {
            problems.Add($"{key}:Resources is empty; a group runs at least one resource.");
        }

        var inGroup = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < group.Resources.Count; i++)
        {
            var resource = group.Resources[i];
            var resourceKey = AgentTopology.ResourceKey(groupId, i);
            if (!AgentIds.IsValid(resource.Id))
            {
                problems.Add($"{resourceKey}:Id '{resource.Id}' is not a valid resource id ({AgentIds.Rule}).");
                continue;
            }

            if (!resourceIds.TryAdd(resource.Id!, resourceKey))
            {
                problems.Add($"{resourceKey}:Id '{resource.Id}' is also the id of {resourceIds[resource.Id!]}; resource ids are unique on a node.");
            }

            foreach (var dependency in resource.DependsOn)
            {
                if (!string.Equals(dependency, AgentTopology.NoDependency, StringComparison.OrdinalIgnoreCase) && !inGroup.Contains(dependency))
                {
                    // Only earlier resources: the listed order is then a valid start order, and there can be no cycle.
                    problems.Add($"{resourceKey}:DependsOn '{dependency}' is not a resource listed before '{resource.Id}' in group '{groupId}'.");
                }
            }

            inGroup.Add(resource.Id!);
            ValidateNetworkNamespace(resource, resourceKey, problems);
            ValidateType(resource, resourceKey, groupId, problems);
        }
    }

    private static void ValidateNetworkNamespace(ResourceOptions resource, string resourceKey, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(resource.NetworkNamespace))
        {
            return;
        }

        if (!NetworkNamespaces.IsValidName(resource.NetworkNamespace))
        {
            problems.Add($"{resourceKey}:NetworkNamespace '{resource.NetworkNamespace}' is not a network namespace name ({NetworkNamespaces.Rule}).");
        }

        // http-check starts no process; postgres runs pg_ctl, whose server is not the agent's child to place.
        if (resource.Type is { } type && (string.Equals(type, HttpCheckPlugin.TypeName, StringComparison.OrdinalIgnoreCase) || string.Equals(type, PostgresPlugin.TypeName, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"{resourceKey}:NetworkNamespace is set, but a {type} resource has no process of the agent's to run in it (process, silo and gateway resources do).");
        }
    }

    private void ValidateType(ResourceOptions resource, string resourceKey, string groupId, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(resource.Type))
        {
            problems.Add($"{resourceKey}:Type is missing; use one of {string.Join(", ", plugins.TypeNames)}.");
            return;
        }

        if (plugins.Find(resource.Type) is not { } plugin)
        {
            problems.Add($"{resourceKey}:Type '{resource.Type}' is not a registered resource type; use one of {string.Join(", ", plugins.TypeNames)} (or load a plugin assembly).");
            return;
        }

        var spec = AgentTopology.From(new AgentOptions { Groups = { [groupId] = new GroupOptions { Resources = [resource] } } }).Groups[0].Resources[0] with { Key = resourceKey };
        problems.AddRange(plugin.Validate(spec));
    }
}
