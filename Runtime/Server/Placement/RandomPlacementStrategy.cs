using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Placement;

internal sealed class RandomPlacementStrategy(Random random) : IPlacementStrategy
{
    public ValueTask<SiloAddress> PlaceAsync(PlacementContext context, CancellationToken cancellationToken)
    {
        var candidates = context.Candidates();
        if (candidates.Count == 0)
        {
            throw new SiloUnavailableException($"No active silo can host {context.GrainId}.");
        }

        lock (random)
        {
            return ValueTask.FromResult(candidates[random.Next(candidates.Count)].Address);
        }
    }
}
