using OrleansPlatform.Grains.Silos;

namespace OrleansPlatform.Gateway.Admin.Silos;

/// <summary>One silo.</summary>
/// <param name="Id">Its Orleans address in parsable form (<c>address:port@generation</c>), the id in <c>/admin/api/silos/{id}</c>.</param>
/// <param name="Name">Its name (<c>Silo:SiloName</c>); per-silo settings overrides are keyed by it.</param>
/// <param name="Address">Its silo-to-silo endpoint.</param>
/// <param name="Status">Orleans' membership status (Active, ShuttingDown, Dead, ...).</param>
/// <param name="Pid">Its process id (0: unknown).</param>
/// <param name="HostName">The machine it runs on.</param>
/// <param name="Version">The platform version it runs.</param>
/// <param name="StartedAt">When its process started (null: unknown).</param>
/// <param name="UptimeSeconds">How long it has been up (null: not active or unknown).</param>
/// <param name="Activations">Grain activations on it now, summed over grain types from Orleans' grain statistics
/// (<c>GetSimpleGrainStatistics</c>): what the Orleans Dashboard's Total Activations sums (active silos).</param>
/// <param name="RuntimeActivations">Orleans' runtime statistics' activation count (<c>GetRuntimeStatistics</c>): the grain
/// activations and the runtime's own system targets; the series of the dashboard's activations history chart (active silos).</param>
/// <param name="Sessions">Session activations on it now (active silos).</param>
/// <param name="CpuPercent">CPU use as Orleans measures it (null: not reported).</param>
/// <param name="MemoryBytes">Memory use as Orleans measures it (null: not reported).</param>
/// <param name="ConfigDigest">The digest of its managed settings in force, as it published it.</param>
/// <param name="DigestMatchesCluster">False when its settings differ from the cluster's (an override, or a restart pending).</param>
public sealed record SiloView(
    string Id,
    string Name,
    string Address,
    string Status,
    int Pid,
    string HostName,
    string Version,
    DateTimeOffset? StartedAt,
    double? UptimeSeconds,
    int Activations,
    int RuntimeActivations,
    int Sessions,
    double? CpuPercent,
    long? MemoryBytes,
    string ConfigDigest,
    bool DigestMatchesCluster)
{
    /// <summary>How the console and the CLI name it: <c>name (host:port)</c> (<see cref="SiloLabels"/>).</summary>
    public string Label => SiloLabels.Of(Name, Address);
}
