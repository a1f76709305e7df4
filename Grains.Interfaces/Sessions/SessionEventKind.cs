namespace OrleansPlatform.Grains.Sessions;

/// <summary>The kinds of session events counted (the <c>kind</c> column of <c>session_events</c>).</summary>
public static class SessionEventKind
{
    /// <summary>A session was started.</summary>
    public const string Started = "started";

    /// <summary>A session was rebuilt on another silo after its silo died.</summary>
    public const string FailOver = "fail-over";

    /// <summary>A session was found idle beyond its timeout.</summary>
    public const string TimeOut = "time-out";

    /// <summary>A session was ended.</summary>
    public const string Ended = "ended";
}
