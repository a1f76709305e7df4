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

    /// <summary>Every registered version of <paramref name="id"/> (empty when unknown).</summary>
    IReadOnlyList<ApplicationDefinition> Versions(string id);

    /// <summary>Whether <paramref name="id"/> takes new sessions, and interactions of existing ones (see <see cref="ApplicationState"/>).</summary>
    ApplicationState StateOf(string id);

    /// <summary>Validates and registers an application version.</summary>
    /// <exception cref="Validation.InvalidWorkflowException">It is invalid, or this id and version are already registered.</exception>
    void Register(ApplicationDefinition application);
}
