using System.Net;
using System.Net.Sockets;

namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>A TCP port nobody listens on at the moment of asking (for ports configured as 0).</summary>
internal static class FreeTcpPort
{
    public static int On(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
