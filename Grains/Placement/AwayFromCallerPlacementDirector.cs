using Orleans.Runtime.Placement;

namespace OrleansPlatform.Grains.Placement;

/// <summary>See <see cref="AwayFromCallerPlacement"/>.</summary>
internal sealed class AwayFromCallerPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var compatible = context.GetCompatibleSilos(target);
        if (compatible.Length == 0)
        {
            throw new SiloUnavailableException($"No active silo can host {target.GrainIdentity}.");
        }

        // Placement runs on the silo that sends the first call, so the local silo is the caller's.
        var others = compatible.Where(silo => !silo.Equals(context.LocalSilo)).OrderBy(silo => silo.ToParsableString(), StringComparer.Ordinal).ToArray();
        if (others.Length == 0)
        {
            return Task.FromResult(compatible[0]);
        }

        // Orleans' uniform hash is the same in every process (string.GetHashCode is not), so spreading is even and stable.
        return Task.FromResult(others[target.GrainIdentity.GetUniformHashCode() % (uint)others.Length]);
    }
}
