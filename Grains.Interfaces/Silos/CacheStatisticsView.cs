namespace OrleansPlatform.Grains.Silos;

/// <summary>One object cache of one silo.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.cache-statistics")]
public sealed record CacheStatisticsView(
    [property: Id(0)] string CacheType,
    [property: Id(1)] long Hits,
    [property: Id(2)] long Misses,
    [property: Id(3)] long Evictions,
    [property: Id(4)] int Count,
    [property: Id(5)] int Capacity,
    [property: Id(6)] double HitRatio);
