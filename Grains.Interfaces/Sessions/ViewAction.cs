namespace OrleansPlatform.Grains.Sessions;

/// <summary>An action offered by a view, with the inputs it takes.</summary>
public sealed record ViewAction(string Name, IReadOnlyList<ViewInput> Inputs);
