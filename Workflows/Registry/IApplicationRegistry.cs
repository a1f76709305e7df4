using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.Workflows.Registry;

/// <summary>
/// The applications this silo runs, every registered version side by side (a running session stays on the version it
/// started with). Registering validates the application.
/// </summary>
public interface IApplicationRegistry
{
    /// <summary>The newest version of each application, ordered by id.</summary>
    IReadOnlyList<ApplicationInfo> List();

    /// <summary>The newest version of <paramref name="id"/>, or null.</summary>
    ApplicationDefinition? FindLatest(string id);

    /// <summary>Version <paramref name="version"/> of <paramref name="id"/>, or null.</summary>
    ApplicationDefinition? Find(string id, string version);

    /// <summary>True when <paramref name="id"/> is registered and enabled (enable/disable is a later issue: always true).</summary>
    bool IsEnabled(string id);

    /// <summary>Validates and registers an application version.</summary>
    /// <exception cref="Validation.InvalidWorkflowException">It is invalid, or this id and version are already registered.</exception>
    void Register(ApplicationDefinition application);
}
