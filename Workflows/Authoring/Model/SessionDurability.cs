namespace OrleansPlatform.Workflows.Model;

/// <summary>How a session's record is made durable before the reply (see Workflows/README.md).</summary>
public enum SessionDurability
{
    /// <summary>The record is written to the database before every reply.</summary>
    WriteThrough,

    /// <summary>The record is copied to a backup grain on another silo before the reply and written to the database behind.</summary>
    BackupThenWriteBehind,
}
