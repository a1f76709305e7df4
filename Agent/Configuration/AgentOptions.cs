namespace OrleansPlatform.Agent.Configuration;

/// <summary>The node agent (section <c>Agent</c> of <c>agent.json</c>): who this node is and what it runs.</summary>
public sealed class AgentOptions
{
    /// <summary>The configuration section: <c>Agent</c>.</summary>
    public const string SectionName = "Agent";

    /// <summary>
    /// This node's id in the <c>nodes</c> table, unique in the cluster (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>).
    /// Default: the machine's host name.
    /// </summary>
    public string NodeId { get; set; } = System.Environment.MachineName;

    /// <summary>The host name other machines reach this node by, as shown in <c>oplat nodes list</c>. Default: the machine's host name.</summary>
    public string Host { get; set; } = System.Environment.MachineName;

    /// <summary>
    /// The resource groups, by id. The same file can serve every machine of a cluster: each group says on which nodes it
    /// runs (<see cref="GroupOptions.Nodes"/>), and a node runs the groups pinned to it or to <c>anywhere</c>.
    /// </summary>
    public Dictionary<string, GroupOptions> Groups { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A group the agent starts, and waits to be healthy, before it connects to the cluster database: the group that runs
    /// that database itself (<c>run.sh --postgres local</c>). It must not be a failover group. Default: none.
    /// </summary>
    public string? BootstrapGroup { get; set; }

    /// <summary>
    /// Paths of assemblies with more resource plugins (classes marked <c>[ResourcePlugin("type")]</c>), loaded at
    /// start-up. Default: none; the shipped plugins are <c>silo</c>, <c>gateway</c>, <c>process</c>, <c>http-check</c>
    /// and <c>postgres</c>.
    /// </summary>
    public List<string> PluginAssemblies { get; set; } = [];
}
