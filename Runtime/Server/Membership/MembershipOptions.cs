namespace OrleansPlatform.Runtime.Membership;

/// <summary>
/// Timings of membership. Bound from the configuration section <see cref="SectionName"/>; validated at start-up by
/// <see cref="MembershipOptionsValidator"/>. The cluster id is <c>SiloOptions.ClusterId</c>. With the defaults, a killed
/// silo is declared dead within about 3.5 s by stale heartbeat (DeathTimeout + RefreshInterval), sooner by probes.
/// </summary>
public sealed class MembershipOptions
{
    /// <summary>The configuration section: <c>Membership</c>.</summary>
    public const string SectionName = "Membership";

    /// <summary>How often the silo writes its heartbeat (and load). Default 500 ms. Must be under half of <see cref="LeaseDuration"/>.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long after the start of its last successful heartbeat a silo may keep serving. Default 2 s. Must be shorter
    /// than <see cref="DeathTimeout"/>, so a silo stops serving before others may declare it dead.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A silo whose heartbeat is older than this by the database clock is declared dead. Default 3 s.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the table is read (the fallback when notifications are off or lost). Default 500 ms.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often each other active silo is pinged over the transport. Default 1 s.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a probe (connect if needed, ping, pong) may take. Default 1 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive failed probes after which this silo records a suspicion of the peer. Default 3.</summary>
    public int MissedProbesForSuspicion { get; set; } = 3;

    /// <summary>
    /// Fresh suspicions (from distinct silos) that declare a silo dead. Default 2; capped at the number of other active
    /// silos, so two silos alone can still remove each other.
    /// </summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>Dead rows whose heartbeat is older than this are deleted. Default 1 h.</summary>
    public TimeSpan DefunctRowRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>On PostgreSQL, push changes with <c>LISTEN/NOTIFY</c> (polling continues regardless). Default true; ignored on SQLite.</summary>
    public bool UseNotifications { get; set; } = true;
}
