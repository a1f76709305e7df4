namespace OrleansPlatform.Agent.Resources;

/// <summary>One plugin registered by its type name (what the catalog lists and validation names).</summary>
/// <param name="TypeName">The resource type name.</param>
/// <param name="PluginType">The implementing class.</param>
public sealed record ResourcePluginRegistration(string TypeName, Type PluginType);
