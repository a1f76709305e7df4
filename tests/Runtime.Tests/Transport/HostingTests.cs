using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansPlatform.Runtime.Transport;
using static OrleansPlatform.Runtime.Tests.Transport.TransportTestKit;

namespace OrleansPlatform.Runtime.Tests.Transport;

public class HostingTests
{
    [Fact(Timeout = 30_000)]
    public async Task Listener_and_pool_work_in_a_plain_generic_host()
    {
        using var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddSingleton<IFrameHandler>(DelegateFrameHandler.Echo());
                services.AddSiloTransport(o =>
                {
                    o.ClusterId = "test-cluster";
                    o.NodeId = "self";
                    o.ClusterSecret = Secret;
                });
                services.AddSiloTransportListener(new IPEndPoint(IPAddress.Loopback, 0));
            })
            .Build();
        using var timeout = new CancellationTokenSource(Bound);
        await host.StartAsync(timeout.Token);

        var endPoint = host.Services.GetRequiredService<TransportListener>().BoundEndPoint!;
        var pool = host.Services.GetRequiredService<IConnectionPool>();
        var response = await pool.GetConnection(endPoint).SendRequestAsync(default, Utf8("loop"), Bound);

        Assert.Equal("loop", Text(response.Body));
        Assert.Equal("self", pool.GetConnection(endPoint).Peer!.NodeId);
        await host.StopAsync(timeout.Token);
    }
}
