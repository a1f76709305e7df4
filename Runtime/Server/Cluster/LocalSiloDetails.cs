using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>This silo's identity; the address is known once the transport listener has bound its port.</summary>
internal sealed class LocalSiloDetails(IOptions<SiloOptions> options) : ILocalSiloDetails
{
    private SiloAddress? _address;

    public SiloAddress Address => _address ?? throw new InvalidOperationException("The silo has not bound its endpoint yet.");

    public string Name => options.Value.SiloName;

    public string Role => "silo";

    public string ConfigDigest { get; set; } = string.Empty;

    public void Bind(SiloAddress address) => _address = address;
}
