using Orleans.Concurrency;
using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>See <see cref="IApplicationRegistryGrain"/>: a stateless worker, answered from the receiving silo's registry.</summary>
[StatelessWorker]
[GrainType("op-application-registry")]
internal sealed class ApplicationRegistryGrain(IApplicationRegistry registry) : Grain, IApplicationRegistryGrain
{
    public Task<IReadOnlyList<ApplicationInfo>> List() => Task.FromResult(registry.List());
}
