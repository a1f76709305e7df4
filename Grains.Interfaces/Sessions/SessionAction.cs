namespace OrleansPlatform.Grains.Sessions;

public sealed record SessionAction(string Action, IReadOnlyDictionary<string, string?> Inputs, long Seq);
