namespace OrleansPlatform.Grains.Sessions;

/// <summary>Sessions (section <c>Sessions</c>).</summary>
public sealed class SessionOptions
{
    /// <summary>Idle time after which a session expires, for applications that set none.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Largest session record accepted, in bytes (serialized JSON).</summary>
    public int MaxRecordBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Applications whose sessions use <c>BackupThenWriteBehind</c> whatever their definition says (operators can choose
    /// latency over durability per application). Default: none.
    /// </summary>
    public List<string> WriteBehindApplications { get; set; } = [];

    /// <summary>How long a write-behind session waits before writing its record to the database. Default 1 s.</summary>
    public TimeSpan WriteBehindDelay { get; set; } = TimeSpan.FromSeconds(1);
}
