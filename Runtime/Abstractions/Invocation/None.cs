namespace OrleansPlatform.Runtime.Invocation;

/// <summary>The result type of grain methods that return a plain Task or ValueTask.</summary>
public readonly record struct None;
