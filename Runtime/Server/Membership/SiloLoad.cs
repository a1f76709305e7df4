namespace OrleansPlatform.Runtime.Membership;

/// <summary>
/// The load a silo publishes with each heartbeat, for placement. <paramref name="Capacity"/> 0 means unlimited.
/// </summary>
/// <param name="Activations">Live activations on the silo.</param>
/// <param name="CapacityUsed">Units of capacity in use (e.g. sessions).</param>
/// <param name="Capacity">Units of capacity the silo accepts; 0 = unlimited.</param>
/// <param name="Weight">Relative weight for least-loaded placement (1.0 = normal).</param>
public sealed record SiloLoad(int Activations, int CapacityUsed, int Capacity, double Weight)
{
    /// <summary>No load, unlimited capacity, weight 1.</summary>
    public static SiloLoad Empty { get; } = new(0, 0, 0, 1.0);
}
