using System.Buffers.Binary;
using System.Diagnostics;
using OrleansPlatform.Runtime.Transport;
using static OrleansPlatform.Runtime.Tests.Transport.TransportTestKit;

namespace OrleansPlatform.Runtime.Tests.Transport;

public class RequestResponseTests
{
    [Fact(Timeout = 30_000)]
    public async Task Request_gets_its_response()
    {
        var handler = new DelegateFrameHandler((frame, peer, _) =>
            ValueTask.FromResult<ResponseFrame?>(new ResponseFrame(Utf8(peer.NodeId), Utf8("re:" + Text(frame.Body)))));
        await using var listener = await StartListenerAsync(handler);
        await using var pool = SiloTransport.CreateConnectionPool(Options("client"));
        var connection = pool.GetConnection(listener.BoundEndPoint!);

        var response = await connection.SendRequestAsync(Utf8("h"), Utf8("hello"), Bound);

        Assert.False(response.IsError);
        Assert.Equal("client", Text(response.Header));
        Assert.Equal("re:hello", Text(response.Body));
        Assert.True(connection.IsConnected);
        Assert.Equal("server", connection.Peer!.NodeId);
        Assert.Same(connection, pool.GetConnection(listener.BoundEndPoint!));
    }

    [Fact(Timeout = 60_000)]
    public async Task Thousand_concurrent_requests_on_one_connection_get_their_own_responses()
    {
        var handler = new DelegateFrameHandler(async (frame, _, _) =>
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(frame.Body.Span);
            if (value % 7 == 0)
            {
                await Task.Yield();
            }

            var reply = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(reply, value * 2);
            return new ResponseFrame(default, reply);
        });
        await using var listener = await StartListenerAsync(handler);
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("client"));
        await connection.ConnectAsync();

        var tasks = new Task<ResponseFrame>[1000];
        for (var i = 0; i < tasks.Length; i++)
        {
            var body = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(body, i);
            tasks[i] = connection.SendRequestAsync(default, body, Bound);
        }

        var responses = await Task.WhenAll(tasks).WaitAsync(Bound);

        for (var i = 0; i < responses.Length; i++)
        {
            Assert.Equal(i * 2, BinaryPrimitives.ReadInt32LittleEndian(responses[i].Body.Span));
        }

        Assert.Equal(1000, handler.Calls);
    }

    [Fact(Timeout = 30_000)]
    public async Task Slow_request_does_not_block_a_fast_one_behind_it()
    {
        var slowEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSlow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateFrameHandler(async (frame, _, ct) =>
        {
            if (Text(frame.Body) == "slow")
            {
                slowEntered.SetResult();
                await releaseSlow.Task.WaitAsync(ct);
            }

            return new ResponseFrame(default, frame.Body);
        });
        await using var listener = await StartListenerAsync(handler);
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("client"));

        var slow = connection.SendRequestAsync(default, Utf8("slow"), Bound);
        await slowEntered.Task.WaitAsync(Bound);
        var fast = await connection.SendRequestAsync(default, Utf8("fast"), Bound);

        Assert.Equal("fast", Text(fast.Body));
        Assert.False(slow.IsCompleted);
        releaseSlow.SetResult();
        Assert.Equal("slow", Text((await slow.WaitAsync(Bound)).Body));
    }

    [Fact(Timeout = 30_000)]
    public async Task One_way_frame_is_delivered()
    {
        var received = new TaskCompletionSource<(FrameKind, string, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateFrameHandler((frame, _, _) =>
        {
            received.TrySetResult((frame.Kind, Text(frame.Header), Text(frame.Body)));
            return ValueTask.FromResult<ResponseFrame?>(null);
        });
        await using var listener = await StartListenerAsync(handler);
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("client"));

        await connection.SendOneWayAsync(Utf8("h"), Utf8("fire-and-forget"));

        Assert.Equal((FrameKind.OneWay, "h", "fire-and-forget"), await received.Task.WaitAsync(Bound));
    }

    [Fact(Timeout = 30_000)]
    public async Task Oversized_frame_closes_only_that_connection()
    {
        var logs = new CapturingLoggerFactory();
        await using var listener = await StartListenerAsync(DelegateFrameHandler.Echo(), o => o.MaxFrameSize = 4096, logs);
        var endPoint = listener.BoundEndPoint!;
        await using var bystander = SiloTransport.CreateConnection(endPoint, Options("bystander"));
        await bystander.ConnectAsync();
        await using var offender = SiloTransport.CreateConnection(endPoint, Options("offender"));

        await Assert.ThrowsAsync<ConnectionLostException>(() => offender.SendRequestAsync(default, new byte[64 * 1024], Bound));

        await WaitUntilAsync(() => logs.Has(3005), "the server logs the oversized frame");
        Assert.Contains(logs.Entries, e => e.EventId == 3005 && e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal("still here", Text((await bystander.SendRequestAsync(default, Utf8("still here"), Bound)).Body));
        Assert.Equal("again", Text((await offender.SendRequestAsync(default, Utf8("again"), Bound)).Body));
    }

    [Fact(Timeout = 30_000)]
    public async Task Oversized_frame_is_refused_locally_by_the_sender()
    {
        await using var connection = SiloTransport.CreateConnection(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1), Options("client", o => o.MaxFrameSize = 1024));

        await Assert.ThrowsAsync<FrameTooLargeException>(() => connection.SendRequestAsync(default, new byte[2048], Bound));
    }

    [Fact(Timeout = 30_000)]
    public async Task Handler_exception_becomes_an_error_response()
    {
        var handler = new DelegateFrameHandler((_, _, _) => throw new InvalidOperationException("boom"));
        await using var listener = await StartListenerAsync(handler);
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("client"));

        var response = await connection.SendRequestAsync(Utf8("h"), Utf8("b"), Bound);

        Assert.True(response.IsError);
        Assert.True(response.Body.IsEmpty);
    }

    [Fact(Timeout = 30_000)]
    public async Task Unanswered_request_times_out_with_a_typed_exception_and_the_connection_stays_usable()
    {
        var handler = new DelegateFrameHandler(async (frame, _, ct) =>
        {
            if (Text(frame.Body) == "never")
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return new ResponseFrame(default, frame.Body);
        });
        await using var listener = await StartListenerAsync(handler);
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("client"));
        await connection.ConnectAsync();

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TransportTimeoutException>(() => connection.SendRequestAsync(default, Utf8("never"), TimeSpan.FromMilliseconds(300)));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(250), $"timed out too early: {stopwatch.Elapsed}");

        Assert.Equal("ok", Text((await connection.SendRequestAsync(default, Utf8("ok"), Bound)).Body));
    }

    [Fact(Timeout = 30_000)]
    public async Task Canceled_request_completes_as_canceled()
    {
        var handler = new DelegateFrameHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });
        await using var listener = await StartListenerAsync(handler);
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("client"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.SendRequestAsync(default, Utf8("x"), Bound, cts.Token));
    }
}
