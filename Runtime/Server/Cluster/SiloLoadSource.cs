using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Placement;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>The load this silo publishes with its heartbeats.</summary>
internal sealed class SiloLoadSource(ActivationCatalog catalog, IOptions<PlacementOptions> options) : ISiloLoadSource
{
    public SiloLoad GetLoad() => new(catalog.Count, catalog.CapacityUsed, options.Value.Capacity, options.Value.Weight);
}
