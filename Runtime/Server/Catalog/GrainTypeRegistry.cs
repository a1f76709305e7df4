using System.Collections.Frozen;

namespace OrleansPlatform.Runtime.Catalog;

/// <summary>
/// The grain classes this silo can host, by grain type name and by grain interface. Built once at start-up from the
/// registrations and immutable afterwards.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly FrozenDictionary<string, GrainClassInfo> _byGrainType;
    private readonly FrozenDictionary<Type, GrainClassInfo[]> _byInterface;

    public GrainTypeRegistry(IEnumerable<GrainClassRegistration> registrations, string defaultPlacement = Placement.PlacementStrategyNames.Random)
    {
        var byType = new Dictionary<string, GrainClassInfo>(StringComparer.Ordinal);
        var byInterface = new Dictionary<Type, List<GrainClassInfo>>();
        foreach (var registration in registrations.DistinctBy(r => r.GrainClass))
        {
            var grainType = GrainClassInfo.DefaultGrainTypeName(registration.GrainClass);
            if (byType.TryGetValue(grainType, out var existing))
            {
                throw new InvalidOperationException(
                    $"Grain classes {existing.GrainClass.FullName} and {registration.GrainClass.FullName} both have grain type '{grainType}'. Give one a [GrainType(\"...\")].");
            }

            var info = new GrainClassInfo(grainType, registration.GrainClass, GrainFactoryPlan.Create(registration.GrainClass), defaultPlacement);
            byType.Add(grainType, info);
            foreach (var grainInterface in info.GrainInterfaces)
            {
                if (!byInterface.TryGetValue(grainInterface, out var list))
                {
                    byInterface[grainInterface] = list = [];
                }

                list.Add(info);
            }
        }

        _byGrainType = byType.ToFrozenDictionary(StringComparer.Ordinal);
        _byInterface = byInterface.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    public IEnumerable<GrainClassInfo> All => _byGrainType.Values;

    public GrainClassInfo GetByGrainType(string grainType) =>
        _byGrainType.TryGetValue(grainType, out var info)
            ? info
            : throw new GrainTypeNotFoundException($"No grain class with grain type '{grainType}' is registered in this silo.");

    public string ResolveGrainType(Type grainInterface)
    {
        if (!_byInterface.TryGetValue(grainInterface, out var classes))
        {
            throw new GrainTypeNotFoundException($"No grain class implementing {grainInterface.FullName} is registered in this silo.");
        }

        if (classes.Length > 1)
        {
            throw new GrainTypeNotFoundException(
                $"Several grain classes implement {grainInterface.FullName} ({string.Join(", ", classes.Select(c => c.GrainClass.Name))}); get the grain by GrainId instead.");
        }

        return classes[0].GrainType;
    }

    /// <summary>Grain interfaces implemented by exactly one grain class, with that class's grain type (what cluster clients need).</summary>
    public IEnumerable<(Type Interface, string GrainType)> SingleImplementations() =>
        _byInterface.Where(kv => kv.Value.Length == 1).Select(kv => (kv.Key, kv.Value[0].GrainType));
}
