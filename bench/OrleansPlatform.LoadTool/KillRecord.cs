namespace OrleansPlatform.LoadTool;

/// <summary>A server killed during the run: its name and pid, when (Stopwatch timestamp), and why that one.</summary>
public sealed record KillRecord(string Name, int Pid, long At, string Choice);
