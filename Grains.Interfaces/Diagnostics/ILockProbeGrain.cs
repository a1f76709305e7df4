namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>Takes and holds a cluster lock on behalf of its activation.</summary>
[Alias("op.lock-probe")]
public interface ILockProbeGrain : IGrainWithStringKey
{
    /// <summary>Acquires the exclusive lock <paramref name="lockName"/> (waiting up to <paramref name="waitMs"/>) and keeps it; returns its fencing token.</summary>
    [Alias("hold")]
    Task<long> Hold(string lockName, int waitMs);

    /// <summary>The silo hosting this activation.</summary>
    [Alias("where")]
    Task<string> WhereAmI();
}
