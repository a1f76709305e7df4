namespace OrleansPlatform.Gateway.Admin.Silos;

/// <summary>One event of the membership history.</summary>
/// <param name="At">When it was recorded.</param>
/// <param name="SiloId">The silo's id.</param>
/// <param name="SiloName">The silo's name.</param>
/// <param name="Kind"><c>joined</c>, <c>left</c> (gracefully) or <c>died</c> (declared dead without leaving).</param>
public sealed record SiloHistoryEntry(DateTimeOffset At, string SiloId, string SiloName, string Kind);
