namespace OrleansPlatform.Agent.Supervision;

/// <summary>Where a supervised resource is in its life. Stored (lower case) in <c>resource_transitions</c>; names never change.</summary>
public enum ResourceState
{
    /// <summary>Not running, and not meant to (never started, stopped by an operator, exited cleanly, or its group runs elsewhere).</summary>
    Stopped,

    /// <summary>Meant to run, waiting for the resources it depends on to be healthy.</summary>
    Waiting,

    /// <summary>Started, not yet healthy.</summary>
    Starting,

    /// <summary>Running and healthy.</summary>
    Healthy,

    /// <summary>Running, not fully serving; not restarted for it.</summary>
    Degraded,

    /// <summary>Failed (exited or failing its monitor); waiting out its backoff before the next start.</summary>
    Restarting,

    /// <summary>Being stopped.</summary>
    Stopping,

    /// <summary>In a crash loop: not restarted until an operator starts it again.</summary>
    Failed,
}
