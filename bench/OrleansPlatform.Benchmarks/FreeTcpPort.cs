using System.Net;
using System.Net.Sockets;

namespace OrleansPlatform.Benchmarks;

/// <summary>A loopback port nobody listens on now: the benchmark silo must not collide with silos of other runs or tests.</summary>
internal static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
