namespace OrleansPlatform.Runtime.Broadcast;

/// <summary>How a publication went: silos that took it and silos that could not be reached.</summary>
public sealed record BroadcastResult(IReadOnlyList<string> Delivered, IReadOnlyList<string> Failed);
