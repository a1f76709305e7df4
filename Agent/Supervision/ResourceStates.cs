namespace OrleansPlatform.Agent.Supervision;

/// <summary>How states are written in the API, the CLI and the database.</summary>
public static class ResourceStates
{
    /// <summary>The state in lower case, e.g. <c>healthy</c>.</summary>
    public static string Name(this ResourceState state) => state switch
    {
        ResourceState.Stopped => "stopped",
        ResourceState.Waiting => "waiting",
        ResourceState.Starting => "starting",
        ResourceState.Healthy => "healthy",
        ResourceState.Degraded => "degraded",
        ResourceState.Restarting => "restarting",
        ResourceState.Stopping => "stopping",
        ResourceState.Failed => "failed",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>True while a process of the resource runs (or may).</summary>
    public static bool IsUp(this ResourceState state) => state is ResourceState.Starting or ResourceState.Healthy or ResourceState.Degraded;
}
