using System.Collections.Immutable;
using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Configuration;

/// <summary>One resource group as the agent runs it (immutable, built from validated options).</summary>
/// <param name="Id">The group's id.</param>
/// <param name="Nodes">The node ids it may run on; empty means anywhere.</param>
/// <param name="Failover">One node at a time, under a cluster lock.</param>
/// <param name="Resources">Its resources in start order (each after its dependencies).</param>
public sealed record GroupSpec(string Id, ImmutableArray<string> Nodes, bool Failover, ImmutableArray<ResourceSpec> Resources)
{
    /// <summary>True when the group may run on <paramref name="nodeId"/>.</summary>
    public bool RunsOn(string nodeId) => Nodes.IsEmpty || Nodes.Contains(nodeId, StringComparer.Ordinal);

    /// <summary>The resource ids in start order, for log lines.</summary>
    public string ResourceList { get; } = string.Join(", ", Resources.Select(r => r.Id));

    /// <summary>The name of the failover group's cluster lock.</summary>
    public string LockName => "agent-group:" + Id;
}
