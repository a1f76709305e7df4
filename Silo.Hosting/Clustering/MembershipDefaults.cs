using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>
/// The platform's defaults for Orleans' failure detection (<see cref="ClusterMembershipOptions"/>), tuned so that a
/// session on a killed silo is served elsewhere within seconds; every value can be overridden in the section
/// <c>Membership</c> (e.g. <c>Membership:ProbeTimeout</c>). Orleans' own defaults detect a crash in about 15 s.
/// </summary>
public static class MembershipDefaults
{
    /// <summary>The configuration section: <c>Membership</c>.</summary>
    public const string SectionName = "Membership";

    /// <summary>Applies the defaults (before the section is bound over them).</summary>
    public static void Apply(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // A probe every second; two missed in a row raise a suspicion. A killed process refuses connections at once, so
        // its probes fail fast rather than at the timeout.
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;


        // Two silos must agree (capped by Orleans to the silos there are): a silo alone cannot declare another dead.
        options.NumVotesForDeathDeclaration = 2;

        // Votes older than this do not count: a silo that hiccuped once does not carry the suspicion for minutes.
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);

        // Each silo re-reads the membership table this often (gossip usually brings changes sooner).
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);

        // Heartbeats in the table, for operators and defunct-row cleanup (liveness comes from probes).
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);

        // Before suspecting a silo, ask others to probe it too, and extend our own probe timeout while we are the one
        // degraded (CPU starvation, long GC pauses): a busy silo is not declared dead for being slow. The extension stops at
        // MaxProbeTimeout (CapProbeTimeout): on loopback the adaptive timeout sits at MinProbeTimeout (ProbeTimeout / 2),
        // so a degraded silo still doubles it.
        options.EnableIndirectProbes = true;
        options.ExtendProbeTimeoutDuringDegradation = true;
    }

    /// <summary>
    /// After the section is bound: unless <c>Membership:MaxProbeTimeout</c> is set, caps Orleans' adaptive probe timeout at
    /// <see cref="ClusterMembershipOptions.ProbeTimeout"/>.
    /// </summary>
    /// <remarks>
    /// The cap also sets the connection liveness check's window (MaxProbeTimeout × NumMissedProbesLimit): a vote against
    /// a silo that sent anything within the window is suppressed. Orleans' default cap, 4 × ProbeTimeout, makes that
    /// window 8 s here, so a frozen or cut-off silo, whose probes fail within 2 s, was declared dead only 8.5 s after it
    /// went silent, while a killed one (connections refused) is declared dead in under 1 s (bench/README.md, Freeze and
    /// partition recovery). Capped, the window is ProbeTimeout × NumMissedProbesLimit (2 s): a silent silo is declared
    /// dead about 2 s after its last message, never sooner, which is the bound the silo's database lease is checked
    /// against (Partition:IsolationTimeout + ProbeTimeout must be shorter).
    /// </remarks>
    public static void CapProbeTimeout(ClusterMembershipOptions options, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        if (section[nameof(ClusterMembershipOptions.MaxProbeTimeout)] is null)
        {
            options.MaxProbeTimeout = options.ProbeTimeout;
        }
    }
}
