using System.Collections.Immutable;

namespace OrleansPlatform.Agent.Resources;

/// <summary>
/// One resource as configured in <c>agent.json</c> (immutable). The common fields cover most plugins; anything else a
/// plugin needs is in <see cref="Settings"/>.
/// </summary>
/// <param name="Id">Unique on the node, e.g. <c>silo-1</c>.</param>
/// <param name="Type">The plugin's type name, e.g. <c>silo</c>.</param>
/// <param name="Group">The resource group it belongs to.</param>
/// <param name="Key">Its configuration path, e.g. <c>Agent:Groups:platform:Resources:1</c>, for error messages.</param>
/// <param name="Command">The program to run (process-based plugins).</param>
/// <param name="Args">Its arguments.</param>
/// <param name="Environment">Environment variables added to the agent's own for the process.</param>
/// <param name="WorkingDirectory">Where the process runs; null for the agent's own working directory.</param>
/// <param name="Url">The URL the resource answers on (Gateway, http-check).</param>
/// <param name="DependsOn">Resources of the same group that must be healthy before this one starts.</param>
/// <param name="Settings">Plugin-specific settings by name.</param>
/// <param name="NetworkNamespace">The network namespace the process runs in (<c>ip netns exec</c>); null for the agent's own.</param>
public sealed record ResourceSpec(
    string Id,
    string Type,
    string Group,
    string Key,
    string? Command,
    ImmutableArray<string> Args,
    ImmutableDictionary<string, string> Environment,
    string? WorkingDirectory,
    string? Url,
    ImmutableArray<string> DependsOn,
    ImmutableDictionary<string, string> Settings,
    string? NetworkNamespace = null)
{
    /// <summary>A plugin-specific setting, or <paramref name="fallback"/> when it is not set.</summary>
    public string? Setting(string name, string? fallback = null) =>
        Settings.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : fallback;
}
