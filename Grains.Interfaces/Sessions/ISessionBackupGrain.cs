namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// An in-memory copy of a session record on another silo, for applications that write their records to the database
/// behind the reply (<c>BackupThenWriteBehind</c>). Key: <c>{sessionId}/{slot}</c>.
/// </summary>
[Alias("op.session-backup-grain")]
public interface ISessionBackupGrain : IGrainWithStringKey
{
    /// <summary>Keeps <paramref name="backup"/> unless it is older than the copy held; returns the id of the silo holding it.</summary>
    [Alias("store")]
    Task<string> Store(SessionBackup backup);

    /// <summary>The copy held, if any.</summary>
    [Alias("fetch")]
    Task<SessionBackup?> Fetch();

    /// <summary>Forgets the copy (the database has caught up, or the session ended).</summary>
    [Alias("drop")]
    Task Drop();
}
