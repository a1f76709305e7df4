namespace OrleansPlatform.Agent.Resources;

/// <summary>
/// How the agent handles one type of resource (a silo, a Gateway, PostgreSQL, a process, a check). A plugin is stateless
/// across resources: <see cref="StartAsync"/> returns the running resource, which monitors, describes and stops itself.
/// Register a plugin by its type name with <c>AddResourcePlugin&lt;T&gt;(name)</c>, or mark it with
/// <see cref="ResourcePluginAttribute"/> in an assembly the agent loads (<c>Agent:PluginAssemblies</c>).
/// </summary>
public interface IResourcePlugin
{
    /// <summary>What a resource of this type is, for <c>oplat resources list</c>: e.g. "silo process".</summary>
    string Describe(ResourceSpec resource);

    /// <summary>
    /// The resource's configuration problems, each naming its key (<see cref="ResourceSpec.Key"/>), e.g.
    /// <c>Agent:Groups:web:Resources:0:Url is missing</c>. Called once when the agent starts; none means valid.
    /// </summary>
    IEnumerable<string> Validate(ResourceSpec resource);

    /// <summary>
    /// Starts the resource and returns as soon as it is launched (the supervisor then monitors it until healthy).
    /// Throws when it cannot be started at all; the supervisor counts that as a failure.
    /// </summary>
    Task<IRunningResource> StartAsync(ResourceSpec resource, ResourceStartContext context, CancellationToken cancellationToken);
}
