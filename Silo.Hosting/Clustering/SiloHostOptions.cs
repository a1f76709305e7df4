namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>Who this silo is and where it listens (section <c>Silo</c>).</summary>
public sealed class SiloHostOptions
{
    /// <summary>The configuration section: <c>Silo</c>.</summary>
    public const string SectionName = "Silo";

    /// <summary>Silos (and clients) of one cluster share it; Orleans' <c>ClusterOptions.ClusterId</c>. Default <c>dev</c>.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>The service whose grain state this cluster keeps (Orleans' <c>ClusterOptions.ServiceId</c>); stays the same across deployments. Default <c>orleansplatform</c>.</summary>
    public string ServiceId { get; set; } = "orleansplatform";

    /// <summary>The silo's name in membership and logs. Default: the host name and process id.</summary>
    public string? SiloName { get; set; }

    /// <summary>The address the silo listens on and advertises. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The silo-to-silo port; 0 picks a free port at start. Default 0.</summary>
    public int Port { get; set; }

    /// <summary>The port cluster clients (the Gateway in cluster mode) connect to; 0 picks a free port. Default 0.</summary>
    public int GatewayPort { get; set; }

    /// <summary>
    /// Makes this silo a warm standby: it starts everything up to joining the cluster (runtime, configuration, services,
    /// its listening ports) and then waits until this file exists before it joins. A supervisor (the node agent) keeps
    /// one such process ready per silo and creates the file when the silo it stands by for has died, which saves the
    /// process and host start (most of a restart) on the way back to Active. Default: none (join at once).
    /// </summary>
    public string? StandbyGate { get; set; }
}
