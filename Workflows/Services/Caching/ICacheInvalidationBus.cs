namespace OrleansPlatform.Workflows.Caching;

/// <summary>
/// Carries cache invalidations to every silo of the cluster. The silo host registers the cluster-wide one (Orleans
/// broadcast channel); without it, invalidations stay on the silo that made them (one silo has nothing to tell).
/// </summary>
public interface ICacheInvalidationBus
{
    /// <summary>
    /// Delivers <paramref name="invalidation"/> to every other silo, retrying failed deliveries; completes when each
    /// silo has applied it or was given up on (a silo not reached drops the entry when its time to live runs out).
    /// </summary>
    Task PublishAsync(CacheInvalidation invalidation, CancellationToken cancellationToken);
}
