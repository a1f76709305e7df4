namespace OrleansPlatform.Workflows.Registry;

/// <summary>Whether an application takes sessions (stored in <c>application_states</c>; set from the admin console).</summary>
[GenerateSerializer]
public enum ApplicationState
{
    /// <summary>New sessions start; existing ones are served.</summary>
    Enabled,

    /// <summary>Disabled gracefully: no new sessions; existing ones go on until they end or expire, then it is <see cref="Disabled"/>.</summary>
    Draining,

    /// <summary>No new sessions and no interactions of existing ones (503, type application-disabled).</summary>
    Disabled,
}
