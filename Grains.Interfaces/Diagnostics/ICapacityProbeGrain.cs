using OrleansPlatform.Runtime;

namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>A grain placed least-loaded within each silo's capacity, as sessions are; reports its silo.</summary>
public interface ICapacityProbeGrain : IGrainWithStringKey
{
    /// <summary>The silo hosting this activation.</summary>
    Task<string> WhereAmI();

    /// <summary>Deactivates after this call, freeing its capacity slot.</summary>
    Task Release();
}
