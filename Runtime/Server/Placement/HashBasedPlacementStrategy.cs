using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Placement;

/// <summary>Same grain, same silo set: same silo, on every silo (a stable hash, not string.GetHashCode).</summary>
internal sealed class HashBasedPlacementStrategy : IPlacementStrategy
{
    public ValueTask<SiloAddress> PlaceAsync(PlacementContext context, CancellationToken cancellationToken)
    {
        var candidates = context.Candidates();
        if (candidates.Count == 0)
        {
            throw new SiloUnavailableException($"No active silo can host {context.GrainId}.");
        }

        var hash = StableHash.Of(context.GrainId.ToString());
        return ValueTask.FromResult(candidates[(int)(hash % (uint)candidates.Count)].Address);
    }
}
