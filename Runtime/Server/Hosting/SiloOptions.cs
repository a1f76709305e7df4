namespace OrleansPlatform.Runtime.Hosting;

/// <summary>Identity of this silo.</summary>
public sealed class SiloOptions
{
    /// <summary>The cluster this silo belongs to. Default <c>dev</c>.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>A readable name for logs and the dashboard. Default: machine name and process id.</summary>
    public string SiloName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The IP address the silo listens on and advertises to the cluster. Default 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The silo-to-silo (and client) port; 0 picks a free port at start. Default 0.</summary>
    public int Port { get; set; }
}
