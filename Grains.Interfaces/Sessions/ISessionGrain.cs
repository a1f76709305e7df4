namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// One browser session of a workflow application. Key: the session id, 32 lowercase hex characters (128-bit random,
/// made by the Gateway). Every interaction is persisted before its reply, so the session survives the death of its silo.
/// </summary>
[Alias("op.session")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Starts a new session of <paramref name="applicationId"/> and returns its first view (seq 0).</summary>
    /// <exception cref="ApplicationNotFoundException">The application is unknown.</exception>
    /// <exception cref="ApplicationDisabledException">The application is disabled or draining.</exception>
    /// <exception cref="SessionAlreadyStartedException">The session was already started.</exception>
    [Alias("start")]
    Task<SessionReply> Start(string applicationId);

    /// <summary>The current view.</summary>
    /// <exception cref="SessionNotFoundException">The session was never started or has ended.</exception>
    [Alias("view")]
    Task<SessionReply> GetView();

    /// <summary>
    /// Applies <paramref name="action"/> when its seq is the last applied seq + 1; with seq equal to the last applied one
    /// (a retry) applies nothing and returns the current reply; any other seq throws <see cref="StaleSequenceException"/>.
    /// </summary>
    /// <exception cref="SessionConflictException">The record changed underneath (another activation wrote it); nothing was applied, retry.</exception>
    [Alias("interact")]
    Task<SessionReply> Interact(SessionAction action);

    /// <summary>Ends the session (its record is cleared). Idempotent.</summary>
    [Alias("end")]
    Task End();
}
