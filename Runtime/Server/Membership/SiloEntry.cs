namespace OrleansPlatform.Runtime.Membership;

/// <summary>One row of the membership table: a silo incarnation as last read.</summary>
/// <param name="Address">Endpoint and generation; <see cref="SiloAddress.Id"/> is the row's key.</param>
/// <param name="Name">The silo's readable name.</param>
/// <param name="Status">Its status.</param>
/// <param name="ProcessId">Its operating-system process id.</param>
/// <param name="Role">Its role (free text set by the host).</param>
/// <param name="StartedAtMs">When it joined, Unix milliseconds by the database clock.</param>
/// <param name="HeartbeatAtMs">Its last heartbeat, Unix milliseconds by the database clock.</param>
/// <param name="Load">The load it published with its last heartbeat.</param>
/// <param name="ConfigDigest">A digest of its configuration (drift shows as different digests).</param>
/// <param name="SuspectedBy">Ids of the silos whose recent suspicions of it are on record.</param>
public sealed record SiloEntry(
    SiloAddress Address,
    string Name,
    SiloStatus Status,
    int ProcessId,
    string Role,
    long StartedAtMs,
    long HeartbeatAtMs,
    SiloLoad Load,
    string ConfigDigest,
    IReadOnlyList<string> SuspectedBy);
