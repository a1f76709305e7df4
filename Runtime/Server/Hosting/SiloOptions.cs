namespace OrleansPlatform.Runtime.Hosting;

/// <summary>Identity of this silo.</summary>
public sealed class SiloOptions
{
    /// <summary>The cluster this silo belongs to. Default <c>dev</c>.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>A readable name for logs and the dashboard. Default: machine name and process id.</summary>
    public string SiloName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}
