namespace OrleansPlatform.Agent.Configuration;

/// <summary>Failover groups' cluster locks (section <c>Agent:Failover</c>).</summary>
public sealed class FailoverOptions
{
    /// <summary>The configuration section: <c>Agent:Failover</c>.</summary>
    public const string SectionName = "Agent:Failover";

    /// <summary>
    /// The lease of a failover group's lock. A node that cannot renew it stops the group before the lease ends (by its
    /// own clock, counted from when the last renewal was sent), and another node can take the group once it has
    /// ended. Default 5 s.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a node renews the locks it holds and tries for the groups it could run. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long before the lease ends (by the holder's clock) the holder kills the group when renewals fail. Covers the
    /// time a kill takes. Default 1 s.
    /// </summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromSeconds(1);
}
