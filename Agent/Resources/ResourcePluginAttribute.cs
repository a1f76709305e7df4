namespace OrleansPlatform.Agent.Resources;

/// <summary>
/// Marks an <see cref="IResourcePlugin"/> class in a plugin assembly (<c>Agent:PluginAssemblies</c>) with the type name
/// resources use in <c>agent.json</c>. The agent registers every marked class it finds by that name; the class needs a
/// public constructor whose parameters the agent's services can supply.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ResourcePluginAttribute(string typeName) : Attribute
{
    /// <summary>The resource type name, e.g. <c>silo</c>.</summary>
    public string TypeName { get; } = typeName;
}
