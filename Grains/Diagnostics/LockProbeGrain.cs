using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>See <see cref="ILockProbeGrain"/>.</summary>
[GrainType("op-lock-probe")]
internal sealed class LockProbeGrain(IClusterLocks locks, ILocalSiloDetails silo) : Grain, ILockProbeGrain
{
    private readonly List<ClusterLockHandle> held = [];

    public async Task<long> Hold(string lockName, int waitMs)
    {
        var handle = await locks.AcquireAsync(lockName, LockMode.Exclusive, TimeSpan.FromMilliseconds(waitMs));
        held.Add(handle);
        return handle.FencingToken;
    }

    public Task<string> WhereAmI() => Task.FromResult(silo.SiloAddress.ToParsableString());
}
