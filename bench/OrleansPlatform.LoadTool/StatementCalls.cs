namespace OrleansPlatform.LoadTool;

/// <summary>One normalized statement's calls in the window (its text shortened), and per measured interaction.</summary>
public sealed record StatementCalls(string Query, long Calls, double? PerInteraction, bool Nested);
