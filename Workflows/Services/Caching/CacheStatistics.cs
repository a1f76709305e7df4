namespace OrleansPlatform.Workflows.Caching;

/// <summary>One cache's counters on this silo.</summary>
public sealed record CacheStatistics(string CacheType, long Hits, long Misses, long Evictions, int Count, int Capacity)
{
    /// <summary>Hits ÷ (hits + misses); 0 before the first lookup.</summary>
    public double HitRatio => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);
}
