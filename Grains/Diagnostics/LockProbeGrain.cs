using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Locks;

namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>See <see cref="ILockProbeGrain"/>.</summary>
public sealed class LockProbeGrain(IClusterLocks locks, IOptions<SiloOptions> silo) : Grain, ILockProbeGrain
{
    private readonly List<ClusterLockHandle> _held = [];

    public async Task<long> Hold(string lockName, int waitMs)
    {
        var handle = await locks.AcquireAsync(lockName, LockMode.Exclusive, TimeSpan.FromMilliseconds(waitMs));
        _held.Add(handle);
        return handle.FencingToken;
    }

    public Task<string> WhereAmI() => Task.FromResult(silo.Value.SiloName);
}
