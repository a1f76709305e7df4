namespace OrleansPlatform.Runtime.Placement;

/// <summary>This silo's share of least-loaded placement, and the waiting list used when the cluster is full.</summary>
public sealed class PlacementOptions
{
    /// <summary>Relative capacity of this silo; load is compared as used/weight. Default 1.</summary>
    public double Weight { get; set; } = 1.0;

    /// <summary>Most activations of least-loaded grains (sessions) this silo hosts; 0 = unlimited. Default 0.</summary>
    public int Capacity { get; set; }

    /// <summary>How long a call waits for capacity when every silo is full before <see cref="ClusterBusyException"/>. Default 10 s.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many calls may wait for capacity at once on this silo; more fail at once. Default 1000.</summary>
    public int MaxWaiting { get; set; } = 1000;

    /// <summary>The strategy of grain classes without a placement attribute. Default <c>random</c>.</summary>
    public string DefaultStrategy { get; set; } = PlacementStrategyNames.Random;
}
