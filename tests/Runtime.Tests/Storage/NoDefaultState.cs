namespace OrleansPlatform.Runtime.Tests.Storage;

/// <summary>A state type storage cannot make a default of: no parameterless constructor.</summary>
public sealed record NoDefaultState(string Value);
