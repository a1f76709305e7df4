namespace OrleansPlatform.Grains.Caching;

/// <summary>
/// One per silo (key: the silo's address in parsable form; placed on that silo): receives the cluster's cache
/// invalidations on the broadcast channel and applies them to its silo's object caches.
/// </summary>
[Alias("op.cache-invalidation-grain")]
public interface ICacheInvalidationGrain : IGrainWithStringKey
{
}
