using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Storage;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>Fences storage writes on this silo's membership row.</summary>
internal sealed class MembershipStorageWriteFence(ILocalSiloDetails local, IOptions<SiloOptions> silo) : IStorageWriteFence
{
    public string ClusterId => silo.Value.ClusterId;

    public string SiloId => local.Address.Id;
}
