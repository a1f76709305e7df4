namespace OrleansPlatform.Agent.Configuration;

/// <summary>A resource group (<c>Agent:Groups:{id}</c>): resources started in dependency order and stopped in reverse.</summary>
public sealed class GroupOptions
{
    /// <summary>The value of <see cref="Nodes"/> that lets a group run on any node.</summary>
    public const string Anywhere = "anywhere";

    /// <summary>
    /// The nodes the group may run on, by node id, or <c>["anywhere"]</c>. A group that is not a failover group runs on
    /// every one of them; a failover group on one of them at a time. Default: anywhere.
    /// </summary>
    public List<string> Nodes { get; set; } = [];

    /// <summary>
    /// Runs on one node at a time, under a cluster lock with a fencing token, and moves to another live node when its
    /// node's agent stops heartbeating. Default: false.
    /// </summary>
    public bool Failover { get; set; }

    /// <summary>The resources, in order; a resource without <see cref="ResourceOptions.DependsOn"/> depends on the one before it.</summary>
    public List<ResourceOptions> Resources { get; set; } = [];
}
