using System.Collections.Immutable;

namespace OrleansPlatform.Agent.Supervision;

/// <summary>A resource's state as last seen (immutable; the supervisor swaps in a new one on each change).</summary>
/// <param name="Id">The resource.</param>
/// <param name="Type">Its plugin type.</param>
/// <param name="Group">Its group.</param>
/// <param name="State">Its state.</param>
/// <param name="Detail">Why, or what its monitor said.</param>
/// <param name="Pid">Its process, while it has one.</param>
/// <param name="Restarts">How often the agent has restarted it since the agent started.</param>
/// <param name="LastExitCode">The exit code of its last process.</param>
/// <param name="Since">When it entered <see cref="State"/>, by the platform clock.</param>
/// <param name="Description">What its plugin says it is, and facts of the running resource.</param>
public sealed record ResourceStatus(
    string Id,
    string Type,
    string Group,
    ResourceState State,
    string? Detail,
    int? Pid,
    int Restarts,
    int? LastExitCode,
    DateTimeOffset Since,
    ImmutableDictionary<string, string> Description);
