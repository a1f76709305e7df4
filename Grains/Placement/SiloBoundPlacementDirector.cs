using Orleans.Runtime.Placement;

namespace OrleansPlatform.Grains.Placement;

/// <summary>See <see cref="SiloBoundPlacement"/>.</summary>
internal sealed class SiloBoundPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = target.GrainIdentity.Key.ToString();
        SiloAddress silo;
        try
        {
            silo = SiloAddress.FromParsableString(key);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            throw new OrleansException($"Grain {target.GrainIdentity} is silo-bound, but its key '{key}' is not a silo address.", exception);
        }

        return context.GetCompatibleSilos(target).Contains(silo)
            ? Task.FromResult(silo)
            : throw new SiloUnavailableException($"Grain {target.GrainIdentity} is bound to silo {key}, which is not an active member.");
    }
}
