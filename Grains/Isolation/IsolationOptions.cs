namespace OrleansPlatform.Grains.Isolation;

/// <summary>The silo's database lease (section <c>Partition</c>): how a silo cut off from the cluster database notices and stops serving.</summary>
public sealed class IsolationOptions
{
    /// <summary>The configuration section: <c>Partition</c>.</summary>
    public const string SectionName = "Partition";

    /// <summary>How often the silo checks that it can reach the cluster database (<c>SELECT 1</c>). Default 250 ms.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one check may take before it counts as failed. Default 500 ms.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// With no successful check for this long the silo is isolated: it refuses session calls and deactivates its
    /// sessions. Default 1 s; together with <see cref="ProbeTimeout"/> it must stay below the time Orleans needs to
    /// declare a silo dead (<c>Membership:ProbeTimeout</c> × <c>Membership:NumMissedProbesLimit</c>), so that a cut-off
    /// silo has stopped serving before its sessions can be activated elsewhere.
    /// </summary>
    public TimeSpan IsolationTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
