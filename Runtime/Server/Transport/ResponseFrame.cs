namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// The answer to a request: two opaque blobs and an error bit. On the client side the memory is owned by the caller.
/// </summary>
public readonly struct ResponseFrame
{
    /// <summary>Creates a response.</summary>
    /// <param name="header">The opaque header blob.</param>
    /// <param name="body">The opaque body blob.</param>
    /// <param name="isError">Marks the response as a failure (the transport also sets it, with empty blobs, when the remote handler throws).</param>
    public ResponseFrame(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, bool isError = false)
    {
        Header = header;
        Body = body;
        IsError = isError;
    }

    /// <summary>An empty, successful response.</summary>
    public static ResponseFrame Empty => default;

    /// <summary>The opaque header blob.</summary>
    public ReadOnlyMemory<byte> Header { get; }

    /// <summary>The opaque body blob.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>
    /// True when the response reports a failure: either the handler set it, or the remote handler threw (then
    /// <see cref="Header"/> and <see cref="Body"/> are empty).
    /// </summary>
    public bool IsError { get; }
}
