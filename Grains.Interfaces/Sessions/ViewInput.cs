namespace OrleansPlatform.Grains.Sessions;

public sealed record ViewInput(string Name, string Type, bool Required, string? Label);
