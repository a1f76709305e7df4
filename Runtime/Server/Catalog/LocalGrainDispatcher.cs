using OrleansPlatform.Runtime.Scheduling;

namespace OrleansPlatform.Runtime.Catalog;

/// <summary>The dispatcher of a silo that is not part of a cluster: every grain is activated here.</summary>
internal sealed class LocalGrainDispatcher(ActivationCatalog catalog) : IGrainDispatcher
{
    public void Dispatch(GrainId grainId, WorkItem item)
    {
        try
        {
            var activation = catalog.GetOrCreate(grainId);
            if (!activation.TryEnqueue(item))
            {
                _ = DispatchAfterDeactivationAsync(activation, grainId, item);
            }
        }
        catch (Exception exception)
        {
            item.Fail(exception);
        }
    }

    private async Task DispatchAfterDeactivationAsync(ActivationData previous, GrainId grainId, WorkItem item)
    {
        await previous.Deactivated.ConfigureAwait(false);
        Dispatch(grainId, item);
    }
}
