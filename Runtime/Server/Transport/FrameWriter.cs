using System.Buffers;
using System.IO.Pipelines;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// The single writer of one connection: frames from concurrent callers are serialized by a lock, copied into the
/// pipe (no intermediate buffers) and flushed. Flushing honours the pipe's backpressure.
/// </summary>
internal sealed class FrameWriter
{
    private readonly PipeWriter _output;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly int _maxPayloadSize;
    private readonly CancellationToken _lifetime;

    /// <param name="output">The connection's output pipe.</param>
    /// <param name="maxPayloadSize">Frames above this payload size are refused locally.</param>
    /// <param name="lifetime">Cancels flushes when the connection goes away (callers' tokens never cancel a half-written frame).</param>
    public FrameWriter(PipeWriter output, int maxPayloadSize, CancellationToken lifetime)
    {
        _output = output;
        _maxPayloadSize = maxPayloadSize;
        _lifetime = lifetime;
    }

    /// <summary>
    /// Writes one frame. <paramref name="cancellationToken"/> only cancels waiting for the writer lock. When
    /// <paramref name="abandonIfCompleted"/> is already complete once the lock is held (the request timed out or was
    /// canceled while queued), nothing is written.
    /// </summary>
    public ValueTask WriteAsync(
        FrameKind kind,
        FrameFlags flags,
        long correlationId,
        ReadOnlyMemory<byte> header,
        ReadOnlyMemory<byte> body,
        Task? abandonIfCompleted,
        CancellationToken cancellationToken)
    {
        var total = (long)header.Length + body.Length;
        if (total > _maxPayloadSize)
        {
            throw new FrameTooLargeException(total, _maxPayloadSize);
        }

        if (!_lock.Wait(0, CancellationToken.None))
        {
            return WriteAfterLockAsync(kind, flags, correlationId, header, body, abandonIfCompleted, cancellationToken);
        }

        return WriteLocked(kind, flags, correlationId, header, body, abandonIfCompleted);
    }

    private async ValueTask WriteAfterLockAsync(
        FrameKind kind,
        FrameFlags flags,
        long correlationId,
        ReadOnlyMemory<byte> header,
        ReadOnlyMemory<byte> body,
        Task? abandonIfCompleted,
        CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        await WriteLocked(kind, flags, correlationId, header, body, abandonIfCompleted).ConfigureAwait(false);
    }

    /// <summary>Runs with the lock held; always releases it.</summary>
    private ValueTask WriteLocked(
        FrameKind kind,
        FrameFlags flags,
        long correlationId,
        ReadOnlyMemory<byte> header,
        ReadOnlyMemory<byte> body,
        Task? abandonIfCompleted)
    {
        ValueTask<FlushResult> flush;
        try
        {
            if (abandonIfCompleted is { IsCompleted: true })
            {
                _lock.Release();
                return default;
            }

            var span = _output.GetSpan(FrameHeader.Size);
            new FrameHeader(kind, flags, correlationId, header.Length, body.Length).Write(span);
            _output.Advance(FrameHeader.Size);
            if (!header.IsEmpty)
            {
                _output.Write(header.Span);
            }

            if (!body.IsEmpty)
            {
                _output.Write(body.Span);
            }

            flush = _output.FlushAsync(_lifetime);
        }
        catch
        {
            _lock.Release();
            throw;
        }

        if (flush.IsCompletedSuccessfully)
        {
            var result = flush.Result;
            _lock.Release();
            ThrowIfClosed(result);
            return default;
        }

        return AwaitFlushAsync(flush);
    }

    private async ValueTask AwaitFlushAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            ThrowIfClosed(await flush.ConfigureAwait(false));
        }
        finally
        {
            _lock.Release();
        }
    }

    private static void ThrowIfClosed(FlushResult result)
    {
        if (result.IsCompleted || result.IsCanceled)
        {
            throw new IOException("The connection's output is closed.");
        }
    }
}
