using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// The applications registered on the silos, readable from a cluster client. Any key works (use "default"); it is a
/// stateless worker, so the silo that receives the call answers from its own registry (every silo registers the same
/// applications at start).
/// </summary>
[Alias("op.application-registry")]
public interface IApplicationRegistryGrain : IGrainWithStringKey
{
    /// <summary>The newest version of each application, ordered by id.</summary>
    [Alias("list")]
    Task<IReadOnlyList<ApplicationInfo>> List();
}
