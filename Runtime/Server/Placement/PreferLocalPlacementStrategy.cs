using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Placement;

internal sealed class PreferLocalPlacementStrategy([FromKeyedServices(PlacementStrategyNames.Random)] IPlacementStrategy fallback) : IPlacementStrategy
{
    public ValueTask<SiloAddress> PlaceAsync(PlacementContext context, CancellationToken cancellationToken) =>
        context.LocalCanHost ? ValueTask.FromResult(context.LocalSilo) : fallback.PlaceAsync(context, cancellationToken);
}
