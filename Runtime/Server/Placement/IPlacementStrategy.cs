using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Placement;

/// <summary>Chooses the silo for a new activation. Registered as a keyed service under its name.</summary>
public interface IPlacementStrategy
{
    /// <summary>Chooses a silo; throws <see cref="SiloUnavailableException"/> when no silo is active.</summary>
    ValueTask<SiloAddress> PlaceAsync(PlacementContext context, CancellationToken cancellationToken);

    /// <summary>Told when a silo refused a placement because it was full, so the next choice avoids it.</summary>
    void OnRejectedAsFull(SiloAddress silo)
    {
    }
}
