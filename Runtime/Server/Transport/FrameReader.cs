using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// Reads frames from a <see cref="PipeReader"/>. The payload of each frame is copied exactly once, straight from the
/// pipe's segments into its own buffer (pooled or exact-size), so frames outlive the pipe buffer and can be dispatched
/// concurrently. Large frames are consumed incrementally, so a frame bigger than the pipe's pause threshold never stalls
/// the pipe; the announced size is checked against the limit before anything is allocated.
/// </summary>
internal sealed class FrameReader
{
    private readonly PipeReader _input;
    private readonly int _maxPayloadSize;
    private readonly bool _pooled;

    public FrameReader(PipeReader input, int maxPayloadSize, bool pooled)
    {
        _input = input;
        _maxPayloadSize = maxPayloadSize;
        _pooled = pooled;
    }

    /// <summary>
    /// Reads the next complete frame. Returns a frame with <see cref="ReceivedFrame.IsEndOfStream"/> at a clean end of
    /// stream (between frames). Throws <see cref="InvalidFrameException"/> for malformed or truncated input and
    /// <see cref="FrameTooLargeException"/> when a frame announces a payload above the limit.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReceivedFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        FrameHeader header;
        byte[] array;
        int copied;
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The frame read was canceled.");
            }

            var buffer = result.Buffer;
            if (buffer.Length >= FrameHeader.Size)
            {
                try
                {
                    header = FrameHeader.Parse(buffer, _maxPayloadSize);
                }
                catch
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                    throw;
                }

                var total = header.PayloadLength;
                array = Allocate(total);
                var payload = buffer.Slice(FrameHeader.Size);
                copied = (int)Math.Min(payload.Length, total);
                payload.Slice(0, copied).CopyTo(array);
                if (copied == total)
                {
                    _input.AdvanceTo(payload.GetPosition(copied));
                    return new ReceivedFrame(header, array, _pooled);
                }

                _input.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    Release(array);
                    throw new InvalidFrameException("The connection ended in the middle of a frame.");
                }

                break;
            }

            if (result.IsCompleted)
            {
                _input.AdvanceTo(buffer.End);
                if (buffer.IsEmpty)
                {
                    return default;
                }

                throw new InvalidFrameException("The connection ended in the middle of a frame header.");
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
        }

        try
        {
            var total = header.PayloadLength;
            while (copied < total)
            {
                var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    throw new OperationCanceledException("The frame read was canceled.");
                }

                var buffer = result.Buffer;
                var take = (int)Math.Min(buffer.Length, total - copied);
                buffer.Slice(0, take).CopyTo(array.AsSpan(copied));
                copied += take;
                _input.AdvanceTo(buffer.GetPosition(take));
                if (copied < total && result.IsCompleted)
                {
                    throw new InvalidFrameException("The connection ended in the middle of a frame.");
                }
            }
        }
        catch
        {
            Release(array);
            throw;
        }

        return new ReceivedFrame(header, array, _pooled);
    }

    private byte[] Allocate(int length)
    {
        if (length == 0)
        {
            return [];
        }

        return _pooled ? ArrayPool<byte>.Shared.Rent(length) : new byte[length];
    }

    private void Release(byte[] array)
    {
        if (_pooled && array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
