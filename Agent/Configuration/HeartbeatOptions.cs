namespace OrleansPlatform.Agent.Configuration;

/// <summary>Node heartbeats in the <c>nodes</c> table (section <c>Agent:Heartbeat</c>).</summary>
public sealed class HeartbeatOptions
{
    /// <summary>The configuration section: <c>Agent:Heartbeat</c>.</summary>
    public const string SectionName = "Agent:Heartbeat";

    /// <summary>How often the agent writes its heartbeat (and marks lapsed nodes down). Default 1 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A node whose last heartbeat is older than this (by the database clock) is down. Default 5 s.</summary>
    public TimeSpan NodeDownAfter { get; set; } = TimeSpan.FromSeconds(5);
}
