namespace OrleansPlatform.Agent.Nodes;

/// <summary>The values of <c>nodes.status</c>.</summary>
public static class NodeStatuses
{
    /// <summary>Its agent heartbeats.</summary>
    public const string Up = "up";

    /// <summary>Its heartbeat lapsed: the agent died, froze, or lost the database.</summary>
    public const string Down = "down";

    /// <summary>Its agent stopped cleanly.</summary>
    public const string Stopped = "stopped";
}
