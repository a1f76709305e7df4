namespace OrleansPlatform.Grains.Sessions;

/// <summary>An action the user took on the current view, with the inputs typed and the client's sequence number.</summary>
public sealed record SessionAction(string Action, IReadOnlyDictionary<string, string?> Inputs, long Seq);
