namespace OrleansPlatform.Grains.Sessions;

/// <summary>A session record (as JSON) with the interaction it reflects and the silo that wrote it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.session-backup")]
public sealed record SessionBackup(
    [property: Id(0)] string RecordJson,
    [property: Id(1)] long Seq,
    [property: Id(2)] string PrimarySilo);
