namespace OrleansPlatform.Grains.Placement;

/// <summary>
/// The cluster's session admission: which silo each new session goes to, least loaded by live sessions ÷ weight,
/// never beyond a silo's capacity, with a first-in first-out waiting list when every silo is full. One activation
/// (key <see cref="Key"/>); its counts are memory only and are rebuilt from the silos' live activations when it is
/// activated again elsewhere.
/// </summary>
[Alias("op.session-admission")]
public interface ISessionAdmissionGrain : IGrainWithStringKey
{
    /// <summary>The one key used.</summary>
    public const string Key = "cluster";

    /// <summary>
    /// Reserves a slot for <paramref name="session"/> on one of <paramref name="candidates"/> and returns that silo; when
    /// all are full, waits in line until a slot frees or the wait runs out. <paramref name="arrivedAt"/>, the silo the
    /// session's first request reached, is preferred while its load is within the affinity tolerance of the least loaded.
    /// </summary>
    /// <exception cref="ClusterBusyException">No slot freed within the wait, or the waiting list is full.</exception>
    [Alias("admit")]
    Task<SiloAddress> Admit(GrainId session, SiloAddress[] candidates, SiloAddress? arrivedAt);

    /// <summary>The session's activation is running on <paramref name="silo"/> (confirms its reservation).</summary>
    [Alias("activated")]
    Task Activated(GrainId session, SiloAddress silo);

    /// <summary>The session's activation on <paramref name="silo"/> is gone: its slot is free for the next in line.</summary>
    [Alias("deactivated")]
    Task Deactivated(GrainId session, SiloAddress silo);

    /// <summary>Live and reserved sessions per silo, with each silo's capacity and weight, and the waiting list's length.</summary>
    [Alias("loads")]
    Task<AdmissionSnapshot> Snapshot();
}
