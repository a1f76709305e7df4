namespace OrleansPlatform.Grains.Sessions;

/// <summary>The answer to every session call: the view to show and the last applied client seq (0 after Start).</summary>
public sealed record SessionReply(string SessionId, SessionStatus Status, long Seq, SessionView View);
