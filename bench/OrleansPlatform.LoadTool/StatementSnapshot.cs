namespace OrleansPlatform.LoadTool;

/// <summary>Calls so far per normalized statement (pg_stat_statements' queryid and whether it ran top-level), with its text.</summary>
public sealed record StatementSnapshot(IReadOnlyDictionary<(long QueryId, bool TopLevel), (long Calls, string Query)> Calls);
