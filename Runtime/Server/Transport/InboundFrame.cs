namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// A request or one-way frame handed to an <see cref="IFrameHandler"/>. <see cref="Header"/> and <see cref="Body"/>
/// point into a pooled buffer that is valid only until the handler's returned task completes (and until its response,
/// which may alias this memory, has been written); copy anything needed longer.
/// </summary>
public readonly struct InboundFrame
{
    /// <summary>Creates a frame view.</summary>
    public InboundFrame(FrameKind kind, long correlationId, ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body)
    {
        Kind = kind;
        CorrelationId = correlationId;
        Header = header;
        Body = body;
    }

    /// <summary><see cref="FrameKind.Request"/> or <see cref="FrameKind.OneWay"/>.</summary>
    public FrameKind Kind { get; }

    /// <summary>The sender's correlation id; the transport copies it onto the response.</summary>
    public long CorrelationId { get; }

    /// <summary>The opaque header blob.</summary>
    public ReadOnlyMemory<byte> Header { get; }

    /// <summary>The opaque body blob.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>True when the sender expects no response.</summary>
    public bool IsOneWay => Kind == FrameKind.OneWay;
}
