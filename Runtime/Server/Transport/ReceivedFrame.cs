using System.Buffers;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>A complete frame read from a connection, with its payload copied into <see cref="Buffer"/>.</summary>
internal readonly struct ReceivedFrame
{
    public ReceivedFrame(FrameHeader header, byte[] buffer, bool pooled)
    {
        Header = header;
        Buffer = buffer;
        Pooled = pooled;
    }

    public FrameHeader Header { get; }

    /// <summary>Header blob followed by body blob; may be longer than the payload when pooled.</summary>
    public byte[] Buffer { get; }

    public bool Pooled { get; }

    /// <summary>True for the default value, which the reader returns at a clean end of stream.</summary>
    public bool IsEndOfStream => Buffer is null;

    public FrameKind Kind => Header.Kind;

    public long CorrelationId => Header.CorrelationId;

    public ReadOnlyMemory<byte> HeaderBlob => new(Buffer, 0, Header.HeaderLength);

    public ReadOnlyMemory<byte> Body => new(Buffer, Header.HeaderLength, Header.BodyLength);

    public InboundFrame ToInbound() => new(Header.Kind, Header.CorrelationId, HeaderBlob, Body);

    public void Release()
    {
        if (Pooled && Buffer is not null && Buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
