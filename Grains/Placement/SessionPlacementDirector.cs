using Orleans.Runtime.Placement;

namespace OrleansPlatform.Grains.Placement;

/// <summary>
/// See <see cref="SessionPlacement"/>: asks the cluster's admission for a slot among the silos that can host the grain.
/// The wait for a slot happens there (placement in Orleans is asynchronous per grain, so a waiting session holds up
/// no other placement).
/// </summary>
internal sealed class SessionPlacementDirector(IGrainFactory grains) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var candidates = context.GetCompatibleSilos(target);
        // Placement runs on the silo the first request reached: for a client call, its gateway silo, which also gets the
        // client's later calls for this grain.
        return await grains.GetGrain<ISessionAdmissionGrain>(ISessionAdmissionGrain.Key).Admit(target.GrainIdentity, candidates, context.LocalSilo);
    }
}
