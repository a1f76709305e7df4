using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>
/// This silo's identity, fixed when first asked for: the configured host and port (a free port is picked now when
/// the port is 0, so the identity exists before anything starts) and a generation unique to this start.
/// </summary>
internal sealed class LocalSiloDetails(IOptions<SiloOptions> options, TimeProvider timeProvider) : ILocalSiloDetails
{
    private readonly Lazy<SiloAddress> _address = new(() => new SiloAddress(
        options.Value.Host,
        options.Value.Port != 0 ? options.Value.Port : FreePort(options.Value.Host),
        timeProvider.GetUtcNow().ToUnixTimeMilliseconds()));

    public SiloAddress Address => _address.Value;

    public string Name => options.Value.SiloName;

    public string Role => "silo";

    public string ConfigDigest { get; set; } = string.Empty;

    private static int FreePort(string host)
    {
        using var probe = new TcpListener(IPAddress.Parse(host), 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
