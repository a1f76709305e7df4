namespace OrleansPlatform.Grains.Placement;

/// <summary>Session admission and placement (section <c>Placement</c>). Capacity and weight are this silo's own.</summary>
public sealed class SessionPlacementOptions
{
    /// <summary>The configuration section: <c>Placement</c>.</summary>
    public const string SectionName = "Placement";

    /// <summary>Most live sessions this silo takes; 0 means no limit. Default 0.</summary>
    public int Capacity { get; set; }

    /// <summary>This silo's share of the load relative to others (a silo of weight 2 takes twice the sessions). Default 1.</summary>
    public double Weight { get; set; } = 1;

    /// <summary>How long a new session waits for a free slot when every silo is full, before <c>ClusterBusyException</c>. Default 10 s.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most new sessions waiting at once; one more is refused at once. Default 1000.</summary>
    public int MaxWaiting { get; set; } = 1000;

    /// <summary>
    /// How far above the least loaded silo (by live sessions ÷ weight) the silo a new session's first request reached may
    /// be and still get it. Keeping a session where the Gateway's calls arrive spares every later call the forwarding hop
    /// between silos; the Orleans client spreads its calls over the silos evenly, so the load stays balanced within this
    /// margin. 0 places by load alone. Default 0.25.
    /// </summary>
    public double AffinityTolerance { get; set; } = 0.25;

    /// <summary>How long a reserved slot waits for its session to activate before it is given back. Default 30 s.</summary>
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
