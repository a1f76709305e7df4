using System.Buffers;
using System.Buffers.Binary;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// The fixed 20-byte frame header. Layout (little-endian):
/// <c>[0] magic 0xB7, [1] version, [2] kind, [3] flags, [4..12) correlation id, [12..16) header length, [16..20) body length</c>,
/// followed by the header blob and the body blob.
/// </summary>
internal readonly struct FrameHeader
{
    public const int Size = 20;
    public const byte Magic = 0xB7;
    public const byte ProtocolVersion = 1;

    public FrameHeader(FrameKind kind, FrameFlags flags, long correlationId, int headerLength, int bodyLength)
    {
        Kind = kind;
        Flags = flags;
        CorrelationId = correlationId;
        HeaderLength = headerLength;
        BodyLength = bodyLength;
    }

    public FrameKind Kind { get; }

    public FrameFlags Flags { get; }

    public long CorrelationId { get; }

    public int HeaderLength { get; }

    public int BodyLength { get; }

    public int PayloadLength => HeaderLength + BodyLength;

    public void Write(Span<byte> destination)
    {
        destination[0] = Magic;
        destination[1] = ProtocolVersion;
        destination[2] = (byte)Kind;
        destination[3] = (byte)Flags;
        BinaryPrimitives.WriteInt64LittleEndian(destination[4..], CorrelationId);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], HeaderLength);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], BodyLength);
    }

    /// <summary>Parses and validates a header. Throws <see cref="InvalidFrameException"/> or <see cref="FrameTooLargeException"/>.</summary>
    public static FrameHeader Parse(ReadOnlySequence<byte> source, int maxPayloadSize)
    {
        if (source.FirstSpan.Length >= Size)
        {
            return Parse(source.FirstSpan, maxPayloadSize);
        }

        Span<byte> copy = stackalloc byte[Size];
        source.Slice(0, Size).CopyTo(copy);
        return Parse(copy, maxPayloadSize);
    }

    public static FrameHeader Parse(ReadOnlySpan<byte> source, int maxPayloadSize)
    {
        if (source[0] != Magic)
        {
            throw new InvalidFrameException($"Bad frame magic 0x{source[0]:X2}; the peer does not speak this protocol.");
        }

        if (source[1] != ProtocolVersion)
        {
            throw new InvalidFrameException($"Unsupported frame protocol version {source[1]} (expected {ProtocolVersion}).");
        }

        var kind = (FrameKind)source[2];
        if (kind is not (FrameKind.Request or FrameKind.Response or FrameKind.OneWay or FrameKind.Ping or FrameKind.Pong
            or FrameKind.Close or FrameKind.Hello or FrameKind.Proof))
        {
            throw new InvalidFrameException($"Unknown frame kind {source[2]}.");
        }

        var flags = (FrameFlags)source[3];
        if ((flags & ~FrameFlags.Error) != 0)
        {
            throw new InvalidFrameException($"Unknown frame flags 0x{source[3]:X2}.");
        }

        var correlationId = BinaryPrimitives.ReadInt64LittleEndian(source[4..]);
        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(source[12..]);
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(source[16..]);
        if (headerLength < 0 || bodyLength < 0)
        {
            throw new InvalidFrameException("Negative frame segment length.");
        }

        var total = (long)headerLength + bodyLength;
        if (total > maxPayloadSize)
        {
            throw new FrameTooLargeException(total, maxPayloadSize);
        }

        return new FrameHeader(kind, flags, correlationId, headerLength, bodyLength);
    }
}
