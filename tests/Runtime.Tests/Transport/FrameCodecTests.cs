using System.Buffers;
using System.IO.Pipelines;
using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.Runtime.Tests.Transport;

public class FrameCodecTests
{
    [Fact(Timeout = 20_000)]
    public async Task Frames_round_trip_through_a_pipe()
    {
        var pipe = new Pipe();
        var writer = new FrameWriter(pipe.Writer, 1024, CancellationToken.None);
        var reader = new FrameReader(pipe.Reader, 1024, pooled: true);

        await writer.WriteAsync(FrameKind.Request, FrameFlags.None, 42, TransportTestKit.Utf8("h"), TransportTestKit.Utf8("body"), null, default);
        await writer.WriteAsync(FrameKind.Response, FrameFlags.Error, long.MaxValue, default, default, null, default);
        await pipe.Writer.CompleteAsync();

        var first = await reader.ReadFrameAsync(default);
        Assert.Equal(FrameKind.Request, first.Kind);
        Assert.Equal(42, first.CorrelationId);
        Assert.Equal("h", TransportTestKit.Text(first.HeaderBlob));
        Assert.Equal("body", TransportTestKit.Text(first.Body));
        first.Release();

        var second = await reader.ReadFrameAsync(default);
        Assert.Equal(FrameKind.Response, second.Kind);
        Assert.Equal(FrameFlags.Error, second.Header.Flags);
        Assert.Equal(long.MaxValue, second.CorrelationId);
        Assert.True(second.Body.IsEmpty);

        Assert.True((await reader.ReadFrameAsync(default)).IsEndOfStream);
    }

    [Fact(Timeout = 20_000)]
    public async Task Frame_larger_than_the_pipe_pause_threshold_is_read_incrementally()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 8 * 1024, resumeWriterThreshold: 4 * 1024));
        var body = new byte[256 * 1024];
        Random.Shared.NextBytes(body);
        var writer = new FrameWriter(pipe.Writer, body.Length, CancellationToken.None);
        var reader = new FrameReader(pipe.Reader, body.Length, pooled: false);

        var write = writer.WriteAsync(FrameKind.OneWay, FrameFlags.None, 7, default, body, null, default).AsTask();
        var frame = await reader.ReadFrameAsync(default);
        await write;

        Assert.Equal(body, frame.Body.ToArray());
    }

    [Fact(Timeout = 20_000)]
    public async Task Oversized_frame_is_rejected_from_its_header_alone()
    {
        var pipe = new Pipe();
        var writer = new FrameWriter(pipe.Writer, int.MaxValue, CancellationToken.None);
        await writer.WriteAsync(FrameKind.Request, FrameFlags.None, 1, default, new byte[2048], null, default);
        var reader = new FrameReader(pipe.Reader, 1024, pooled: true);

        var ex = await Assert.ThrowsAsync<FrameTooLargeException>(async () => await reader.ReadFrameAsync(default));
        Assert.Equal(2048, ex.Size);
    }

    [Fact(Timeout = 20_000)]
    public async Task Garbage_and_truncation_are_protocol_errors()
    {
        var garbage = new Pipe();
        await garbage.Writer.WriteAsync(TransportTestKit.Utf8("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        await Assert.ThrowsAsync<InvalidFrameException>(async () => await new FrameReader(garbage.Reader, 1024, true).ReadFrameAsync(default));

        var source = new Pipe();
        await new FrameWriter(source.Writer, 1024, CancellationToken.None).WriteAsync(FrameKind.Request, FrameFlags.None, 1, default, new byte[100], null, default);
        var bytes = (await source.Reader.ReadAsync()).Buffer.ToArray();
        var truncated = new Pipe();
        await truncated.Writer.WriteAsync(bytes.AsMemory(0, 60));
        await truncated.Writer.CompleteAsync();
        await Assert.ThrowsAsync<InvalidFrameException>(async () => await new FrameReader(truncated.Reader, 1024, true).ReadFrameAsync(default));
    }

    [Fact(Timeout = 20_000)]
    public async Task Writer_refuses_oversized_frames_locally()
    {
        var writer = new FrameWriter(new Pipe().Writer, 1024, CancellationToken.None);

        await Assert.ThrowsAsync<FrameTooLargeException>(async () => await writer.WriteAsync(FrameKind.Request, FrameFlags.None, 1, new byte[512], new byte[513], null, default));
    }
}
