using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansPlatform.Runtime.Broadcast;

namespace OrleansPlatform.Workflows.Caching;

/// <summary>Subscribes the silo's caches to invalidations from other silos (when a broadcast channel is registered).</summary>
internal sealed class CacheInvalidationSubscriber(IServiceProvider services, ObjectCaches caches) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = services.GetService<IBroadcastChannel>()?.Subscribe(ObjectCaches.Topic, caches.ReceiveAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
