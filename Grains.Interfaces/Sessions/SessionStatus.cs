namespace OrleansPlatform.Grains.Sessions;

/// <summary>Whether a session is live or timed out.</summary>
[GenerateSerializer]
public enum SessionStatus
{
    /// <summary>The session is live.</summary>
    Active,

    /// <summary>The session was idle longer than its application's idle timeout.</summary>
    Expired,
}
