using OrleansPlatform.Runtime.Scheduling;

namespace OrleansPlatform.Runtime.Catalog;

/// <summary>Delivers work for a grain to wherever its activation is (or is to be): this silo or another.</summary>
internal interface IGrainDispatcher
{
    /// <summary>Delivers <paramref name="item"/>; failures complete the item, never throw to the caller.</summary>
    void Dispatch(GrainId grainId, WorkItem item);
}
