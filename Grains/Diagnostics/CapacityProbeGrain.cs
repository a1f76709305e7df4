using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Hosting;

namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>See <see cref="ICapacityProbeGrain"/>.</summary>
[LeastLoadedPlacement]
public sealed class CapacityProbeGrain(IOptions<SiloOptions> silo) : Grain, ICapacityProbeGrain
{
    public Task<string> WhereAmI() => Task.FromResult(silo.Value.SiloName);

    public Task Release()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
