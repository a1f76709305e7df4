namespace OrleansPlatform.Grains.Sessions;

public sealed record SessionReply(string SessionId, SessionStatus Status, long Seq, SessionView View);
