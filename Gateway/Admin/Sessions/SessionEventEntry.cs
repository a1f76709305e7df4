namespace OrleansPlatform.Gateway.Admin.Sessions;

/// <summary>One session event.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Kind"><c>started</c>, <c>fail-over</c>, <c>time-out</c> or <c>ended</c>.</param>
/// <param name="Session">
/// The first 8 characters of the session's id: enough to follow one session through the log, never the whole id, which
/// is the bearer credential of the user's session.
/// </param>
/// <param name="Application">The application.</param>
/// <param name="Silo">The silo it happened on.</param>
public sealed record SessionEventEntry(DateTimeOffset At, string Kind, string Session, string Application, string Silo);
