namespace OrleansPlatform.Grains.Sessions;

public sealed record ViewAction(string Name, IReadOnlyList<ViewInput> Inputs);
