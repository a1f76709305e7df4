using OrleansPlatform.Runtime;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// One browser session of a workflow application. Key: the session id, 32 lowercase hex characters (128-bit random,
/// made by the Gateway). Every interaction is persisted before its reply, so the session survives the death of its silo.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Starts a new session of <paramref name="applicationId"/> and returns its first view (seq 0).</summary>
    /// <exception cref="ApplicationNotFoundException">The application is unknown or disabled.</exception>
    /// <exception cref="InvalidOperationException">The session was already started.</exception>
    Task<SessionReply> Start(string applicationId);

    /// <summary>The current view.</summary>
    /// <exception cref="SessionNotFoundException">The session was never started or has ended.</exception>
    Task<SessionReply> GetView();

    /// <summary>
    /// Applies <paramref name="action"/> when its seq is the last applied seq + 1; with seq equal to the last applied one
    /// (a retry) applies nothing and returns the current reply; any other seq throws <see cref="StaleSequenceException"/>.
    /// </summary>
    Task<SessionReply> Interact(SessionAction action);

    /// <summary>Ends the session (its record is cleared). Idempotent.</summary>
    Task End();
}
