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
    private readonly int _capacity;
    private readonly object _capacityLock = new();
    private CatalogServices? _shared;
    private int _capacityUsed;

    public ActivationCatalog(GrainTypeRegistry types, Microsoft.Extensions.Options.IOptions<Placement.PlacementOptions> placement)
    {
        _types = types;
        _capacity = placement.Value.Capacity;
    }

    public int Count => _activations.Count;

    /// <summary>Activations of capacity-limited (least-loaded) grain classes on this silo.</summary>
    public int CapacityUsed => Volatile.Read(ref _capacityUsed);

    /// <summary>This silo's capacity for least-loaded grains; 0 = unlimited.</summary>
    public int Capacity => _capacity;

    public ICollection<ActivationData> Activations => _activations.Values;

    internal void Initialize(CatalogServices shared) => _shared = shared;

    public bool TryGet(GrainId grainId, out ActivationData activation) =>
        _activations.TryGetValue(grainId, out activation!);

    public ActivationData GetOrCreate(GrainId grainId) =>
        TryGetOrCreate(grainId, out var activation)
            ? activation
            : throw new ClusterBusyException($"This silo is at its capacity of {_capacity} for {grainId.Type} grains.");

    /// <summary>The grain's activation here, created if needed; false when a new one would exceed this silo's capacity.</summary>
    public bool TryGetOrCreate(GrainId grainId, out ActivationData activation)
    {
        if (_activations.TryGetValue(grainId, out activation!))
        {
            return true;
        }

        var shared = _shared ?? throw new InvalidOperationException("The grain runtime has not started.");
        var classInfo = _types.GetByGrainType(grainId.Type);
        if (classInfo.IsCapacityLimited)
        {
            lock (_capacityLock)
            {
                if (_activations.TryGetValue(grainId, out activation!))
                {
                    return true;
                }

                if (_capacity > 0 && _capacityUsed >= _capacity)
                {
                    return false;
                }

                activation = Add(new ActivationData(grainId, classInfo, shared));
                return true;
            }
        }

        activation = Add(new ActivationData(grainId, classInfo, shared));
        return true;
    }

    private ActivationData Add(ActivationData created)
    {
        var actual = _activations.GetOrAdd(created.GrainId, created);
        if (ReferenceEquals(actual, created))
        {
            if (created.ClassInfo.IsCapacityLimited)
            {
                Interlocked.Increment(ref _capacityUsed);
            }

            created.StartActivation();
        }

        return actual;
    }

    public void Remove(ActivationData activation)
    {
        if (_activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation)) && activation.ClassInfo.IsCapacityLimited)
        {
            Interlocked.Decrement(ref _capacityUsed);
        }
    }

    /// <summary>Deactivates every activation (graceful shutdown), waiting for each at most the deactivation timeout.</summary>
    public Task DeactivateAllAsync(DeactivationReason reason) =>
        Task.WhenAll(_activations.Values.Select(a => a.DeactivateAsync(reason)));
}
