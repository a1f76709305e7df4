namespace OrleansPlatform.Agent.Configuration;

/// <summary>One resource of a group (<c>Agent:Groups:{id}:Resources:{n}</c>).</summary>
public sealed class ResourceOptions
{
    /// <summary>The resource's id, unique on the node (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>). Required.</summary>
    public string? Id { get; set; }

    /// <summary>The plugin's type name: <c>silo</c>, <c>gateway</c>, <c>process</c>, <c>http-check</c>, <c>postgres</c>, or a loaded plugin's. Required.</summary>
    public string? Type { get; set; }

    /// <summary>The program to run (<c>process</c>; <c>silo</c> and <c>gateway</c> default to <c>dotnet</c>).</summary>
    public string? Command { get; set; }

    /// <summary>The program's arguments.</summary>
    public List<string> Args { get; set; } = [];

    /// <summary>Environment variables for the process, added to the agent's own (which it inherits).</summary>
    public Dictionary<string, string> Env { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The process's working directory. Default: the agent's.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>
    /// The Linux network namespace the process runs in (an existing one, by its <c>ip netns</c> name), for process-based
    /// resources (<c>process</c>, <c>silo</c>, <c>gateway</c>): the agent starts it through
    /// <c>ip netns exec NAME</c>, which needs root, so its addresses, routes and links are that namespace's and taking
    /// the namespace's link down cuts it off the network (a partition drill) while the agent, outside, keeps supervising
    /// it. The agent neither creates nor deletes the namespace. A silo in one advertises an address of the namespace
    /// (<c>ORLEANSPLATFORM_Silo__Host</c> in <see cref="Env"/>). Default: none (the agent's own namespace).
    /// </summary>
    public string? NetworkNamespace { get; set; }

    /// <summary>The URL the resource answers on (<c>gateway</c>: its base URL; <c>http-check</c>: the URL to check).</summary>
    public string? Url { get; set; }

    /// <summary>
    /// Ids of resources in the same group that must be healthy before this one starts. Default: the resource listed
    /// before it (none for the first), so a group starts in its listed order. <c>["none"]</c>: no dependency (starts at
    /// once, beside the first).
    /// </summary>
    public List<string> DependsOn { get; set; } = [];

    /// <summary>Plugin-specific settings (e.g. <c>postgres</c>: <c>DataDirectory</c>, <c>Port</c>).</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);
}
