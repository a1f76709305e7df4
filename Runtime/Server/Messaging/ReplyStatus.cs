namespace OrleansPlatform.Runtime.Messaging;

/// <summary>How a silo answered a request.</summary>
internal enum ReplyStatus
{
    /// <summary>The call ran; the body is its result.</summary>
    Ok = 0,

    /// <summary>The call ran and threw; the header names the exception.</summary>
    Error = 1,

    /// <summary>The call did not run (not serving, full, routing loop); the sender may safely try again elsewhere.</summary>
    Rejected = 2,
}
