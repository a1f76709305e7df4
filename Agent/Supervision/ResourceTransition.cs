namespace OrleansPlatform.Agent.Supervision;

/// <summary>One state change of a resource, as recorded in <c>resource_transitions</c>.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Group">The resource's group.</param>
/// <param name="Resource">The resource.</param>
/// <param name="From">The state it left.</param>
/// <param name="To">The state it entered.</param>
/// <param name="Reason">Why, when known.</param>
/// <param name="Pid">Its process at the time.</param>
/// <param name="ExitCode">The exit code that caused it, if any.</param>
/// <param name="At">When, by the platform clock.</param>
public sealed record ResourceTransition(string NodeId, string Group, string Resource, ResourceState From, ResourceState To, string? Reason, int? Pid, int? ExitCode, DateTimeOffset At);
