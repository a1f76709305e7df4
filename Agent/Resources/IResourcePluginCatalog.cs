namespace OrleansPlatform.Agent.Resources;

/// <summary>The resource plugins the agent has, by type name.</summary>
public interface IResourcePluginCatalog
{
    /// <summary>Every registered type name, sorted.</summary>
    IReadOnlyList<string> TypeNames { get; }

    /// <summary>The plugin for <paramref name="typeName"/>, or null when none is registered by that name.</summary>
    IResourcePlugin? Find(string typeName);
}
