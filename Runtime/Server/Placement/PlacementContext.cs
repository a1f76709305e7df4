using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Placement;

/// <summary>What a strategy knows when it places a new activation.</summary>
/// <param name="GrainId">The grain to place.</param>
/// <param name="Membership">The current cluster view (active silos and their published load).</param>
/// <param name="LocalSilo">The silo deciding.</param>
/// <param name="LocalCanHost">Whether the deciding silo is active and may take new activations.</param>
/// <param name="Deadline">When the caller stops waiting (<see cref="Environment.TickCount64"/> ms).</param>
public sealed record PlacementContext(GrainId GrainId, IMembershipView Membership, SiloAddress LocalSilo, bool LocalCanHost, long Deadline)
{
    /// <summary>Active silos that may take new activations, ordered by id.</summary>
    public IReadOnlyList<SiloEntry> Candidates() =>
        Membership.Current.ActiveSilos
            .Where(s => LocalCanHost || s.Address.Id != LocalSilo.Id)
            .OrderBy(s => s.Address.Id, StringComparer.Ordinal)
            .ToList();
}
