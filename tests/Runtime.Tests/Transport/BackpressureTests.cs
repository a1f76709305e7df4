using OrleansPlatform.Runtime.Transport;
using static OrleansPlatform.Runtime.Tests.Transport.TransportTestKit;

namespace OrleansPlatform.Runtime.Tests.Transport;

public class BackpressureTests
{
    [Fact(Timeout = 30_000)]
    public async Task No_more_than_the_in_flight_limit_of_handlers_run_at_once()
    {
        var running = 0;
        var maxRunning = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateFrameHandler(async (frame, _, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            await release.Task.WaitAsync(ct);
            Interlocked.Decrement(ref running);
            return new ResponseFrame(default, frame.Body);
        });
        await using var listener = await StartListenerAsync(handler, o => o.MaxInFlightRequestsPerConnection = 4);
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("client"));
        await connection.ConnectAsync();

        var requests = new Task<ResponseFrame>[20];
        for (var i = 0; i < requests.Length; i++)
        {
            requests[i] = connection.SendRequestAsync(default, Utf8(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Bound);
        }

        await WaitUntilAsync(() => Volatile.Read(ref running) == 4, "four handlers run");
        await Task.Delay(300);
        Assert.Equal(4, Volatile.Read(ref running));
        Assert.Equal(4, handler.Calls);

        release.SetResult();
        var responses = await Task.WhenAll(requests).WaitAsync(Bound);

        Assert.Equal(4, Volatile.Read(ref maxRunning));
        Assert.Equal(20, handler.Calls);
        for (var i = 0; i < responses.Length; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(responses[i].Body));
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
