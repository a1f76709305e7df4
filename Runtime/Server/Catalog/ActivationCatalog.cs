using System.Collections.Concurrent;

namespace OrleansPlatform.Runtime.Catalog;

/// <summary>
/// The activations of this silo, by grain id. A call for a grain with no activation creates one; at most one
/// activation per grain exists here at a time (the next is created only after the previous left the catalog).
/// </summary>
internal sealed class ActivationCatalog
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly GrainTypeRegistry _types;
    private CatalogServices? _shared;

    public ActivationCatalog(GrainTypeRegistry types)
    {
        _types = types;
    }

    public int Count => _activations.Count;

    public ICollection<ActivationData> Activations => _activations.Values;

    internal void Initialize(CatalogServices shared) => _shared = shared;

    public bool TryGet(GrainId grainId, out ActivationData activation) =>
        _activations.TryGetValue(grainId, out activation!);

    public ActivationData GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var shared = _shared ?? throw new InvalidOperationException("The grain runtime has not started.");
        var created = new ActivationData(grainId, _types.GetByGrainType(grainId.Type), shared);
        var actual = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(actual, created))
        {
            created.StartActivation();
        }

        return actual;
    }

    /// <summary>Hands <paramref name="item"/> to the grain's activation, waiting out a deactivation in progress.</summary>
    public void Dispatch(GrainId grainId, Scheduling.WorkItem item)
    {
        try
        {
            var activation = GetOrCreate(grainId);
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

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));

    /// <summary>Deactivates every activation (graceful shutdown), waiting for each at most the deactivation timeout.</summary>
    public Task DeactivateAllAsync(DeactivationReason reason) =>
        Task.WhenAll(_activations.Values.Select(a => a.DeactivateAsync(reason)));

    private async Task DispatchAfterDeactivationAsync(ActivationData previous, GrainId grainId, Scheduling.WorkItem item)
    {
        await previous.Deactivated.ConfigureAwait(false);
        Dispatch(grainId, item);
    }
}
