using OrleansPlatform.Runtime;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// The applications registered on the silos, readable from a cluster client. Any key works (use "default");
/// any silo answers from its own registry (every silo registers the same applications at start).
/// </summary>
public interface IApplicationRegistryGrain : IGrainWithStringKey
{
    /// <summary>The newest version of each application, ordered by id.</summary>
    Task<IReadOnlyList<ApplicationInfo>> List();
}
