namespace OrleansPlatform.Grains.Sessions;

/// <summary>A session record (as JSON) with the interaction it reflects and the silo that wrote it.</summary>
public sealed record SessionBackup(string RecordJson, long Seq, string PrimarySilo);
