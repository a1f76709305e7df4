using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Validation;

namespace OrleansPlatform.Workflows.Registry;

/// <summary>See <see cref="IApplicationRegistry"/>; filled with the <see cref="ApplicationDefinition"/>s registered in DI.</summary>
internal sealed class ApplicationRegistry : IApplicationRegistry
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<ApplicationDefinition>> byId = new(StringComparer.Ordinal);
    private readonly IApplicationStates states;

    public ApplicationRegistry(IEnumerable<ApplicationDefinition> applications, IApplicationStates states)
    {
        this.states = states;
        foreach (var application in applications)
        {
            Register(application);
        }
    }

    public IReadOnlyList<ApplicationInfo> List()
    {
        lock (gate)
        {
            return byId.Keys.Order(StringComparer.Ordinal)
                .Select(id => Newest(byId[id]))
                .Select(a => new ApplicationInfo(a.Id, a.Title, a.Version, states.StateOf(a.Id)))
                .ToList();
        }
    }

    public ApplicationDefinition? FindLatest(string id)
    {
        lock (gate)
        {
            return byId.TryGetValue(id, out var versions) ? Newest(versions) : null;
        }
    }

    public ApplicationDefinition? Find(string id, string version)
    {
        lock (gate)
        {
            return byId.TryGetValue(id, out var versions) ? versions.FirstOrDefault(v => v.Version == version) : null;
        }
    }

    public IReadOnlyList<ApplicationDefinition> Versions(string id)
    {
        lock (gate)
        {
            return byId.TryGetValue(id, out var versions) ? [.. versions] : [];
        }
    }

    public ApplicationState StateOf(string id) => states.StateOf(id);

    public void Register(ApplicationDefinition application)
    {
        WorkflowValidator.EnsureValid(application);
        lock (gate)
        {
            if (!byId.TryGetValue(application.Id, out var versions))
            {
                byId[application.Id] = versions = [];
            }

            if (versions.Any(v => v.Version == application.Version))
            {
                throw new InvalidWorkflowException(application.Id, [$"{application.Id}: version {application.Version} is already registered."]);
            }

            versions.Add(application);
        }
    }

    private static ApplicationDefinition Newest(List<ApplicationDefinition> versions) =>
        versions.OrderBy(v => Version.TryParse(v.Version, out var parsed) ? parsed : new Version(0, 0)).ThenBy(v => v.Version, StringComparer.Ordinal).Last();
}
