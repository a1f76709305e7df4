namespace OrleansPlatform.Workflows.Caching;

/// <summary>One cache's counters on this silo.</summary>
public sealed record CacheStatistics(string CacheType, long Hits, long Misses, long Evictions, int Count, int Capacity);
