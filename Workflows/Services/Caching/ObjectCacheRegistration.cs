namespace OrleansPlatform.Workflows.Caching;

/// <summary>
/// A registered cache type (e.g. <c>product</c>): how many objects each silo keeps of it, and how long an object may
/// be served without reloading (the bound on staleness should an invalidation not reach a silo).
/// </summary>
public sealed record ObjectCacheRegistration(string CacheType, int Capacity, TimeSpan TimeToLive);
