namespace OrleansPlatform.Runtime.Catalog;

/// <summary>What the runtime knows of one registered grain class.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(string grainType, Type grainClass, GrainFactoryPlan plan, string defaultPlacement)
    {
        PlacementStrategy = grainClass.GetCustomAttributes(typeof(PlacementAttribute), inherit: true) is [PlacementAttribute placement, ..]
            ? placement.Strategy
            : defaultPlacement;
        GrainType = grainType;
        GrainClass = grainClass;
        Plan = plan;
        IsReentrant = grainClass.IsDefined(typeof(ReentrantAttribute), inherit: true);
        GrainInterfaces = grainClass.GetInterfaces()
            .Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain) && i.Assembly != typeof(IGrain).Assembly)
            .ToArray();
    }

    /// <summary>The grain type name used in grain ids.</summary>
    public string GrainType { get; }

    public Type GrainClass { get; }

    public GrainFactoryPlan Plan { get; }

    public bool IsReentrant { get; }

    /// <summary>The name of the placement strategy for new activations.</summary>
    public string PlacementStrategy { get; }

    /// <summary>True when activations count against each silo's placement capacity.</summary>
    public bool IsCapacityLimited => PlacementStrategy == Placement.PlacementStrategyNames.LeastLoaded;

    public IReadOnlyList<Type> GrainInterfaces { get; }

    /// <summary>The default grain type name of a class: lower-cased, without a trailing "Grain".</summary>
    public static string DefaultGrainTypeName(Type grainClass)
    {
        if (grainClass.GetCustomAttributes(typeof(GrainTypeAttribute), inherit: false) is [GrainTypeAttribute named, ..])
        {
            return named.Name;
        }

        var name = grainClass.Name;
        var backtick = name.IndexOf('`', StringComparison.Ordinal);
        if (backtick >= 0)
        {
            name = name[..backtick];
        }

        if (name.Length > "Grain".Length && name.EndsWith("Grain", StringComparison.Ordinal))
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
