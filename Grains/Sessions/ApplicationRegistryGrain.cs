using OrleansPlatform.Runtime;
using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>See <see cref="IApplicationRegistryGrain"/>.</summary>
[PreferLocalPlacement]
public sealed class ApplicationRegistryGrain(IApplicationRegistry registry) : Grain, IApplicationRegistryGrain
{
    public Task<IReadOnlyList<ApplicationInfo>> List() => Task.FromResult(registry.List());
}
