namespace OrleansPlatform.Runtime.Membership;

/// <summary>The local silo's membership: its own status and lease, plus the cluster view.</summary>
public interface ISiloMembership : IMembershipView
{
    /// <summary>This silo incarnation.</summary>
    SiloAddress LocalSilo { get; }

    /// <summary>This silo's status as it last wrote or read it.</summary>
    SiloStatus LocalStatus { get; }

    /// <summary>
    /// True while this silo may serve: it is <see cref="SiloStatus.Active"/>, its last successful heartbeat started within
    /// <see cref="MembershipOptions.LeaseDuration"/> (monotonic clock), and it has not been fenced. Once false because of
    /// fencing, it stays false for this generation.
    /// </summary>
    bool IsServing { get; }

    /// <summary>Raised once when the silo loses the right to serve (declared dead, or lease lost); the host is then stopped.</summary>
    event Action? Fenced;
}
