namespace OrleansPlatform.Workflows.Caching;

/// <summary>A registered cache type (e.g. <c>product</c>) and how many objects each silo keeps of it.</summary>
public sealed record ObjectCacheRegistration(string CacheType, int Capacity);
