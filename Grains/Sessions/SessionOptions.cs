namespace OrleansPlatform.Grains.Sessions;

/// <summary>Sessions (section <c>Sessions</c>).</summary>
public sealed class SessionOptions
{
    /// <summary>Idle time after which a session expires, for applications that set none.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Largest session record accepted, in bytes (serialized JSON).</summary>
    public int MaxRecordBytes { get; set; } = 16 * 1024;
}
