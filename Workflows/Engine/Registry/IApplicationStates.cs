namespace OrleansPlatform.Workflows.Registry;

/// <summary>
/// The current state of each application on this silo. The silo host registers the one kept in the cluster database
/// (reloaded on every change); without it every application is enabled.
/// </summary>
public interface IApplicationStates
{
    /// <summary>The state of <paramref name="applicationId"/>; <see cref="ApplicationState.Enabled"/> when none is stored.</summary>
    ApplicationState StateOf(string applicationId);
}
