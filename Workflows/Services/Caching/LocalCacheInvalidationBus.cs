namespace OrleansPlatform.Workflows.Caching;

/// <summary>The bus of a process alone: the local eviction already happened, there is no one else to tell.</summary>
internal sealed class LocalCacheInvalidationBus : ICacheInvalidationBus
{
    public Task PublishAsync(CacheInvalidation invalidation, CancellationToken cancellationToken) => Task.CompletedTask;
}
