namespace OrleansPlatform.Runtime.Transport;

/// <summary>Per-frame flag bits (one byte on the wire).</summary>
[Flags]
internal enum FrameFlags : byte
{
    None = 0,

    /// <summary>On a response: the remote handler failed (or flagged the response as an error).</summary>
    Error = 1,
}
