using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Broadcast;

namespace OrleansPlatform.Workflows.Caching;

/// <summary>
/// See <see cref="IObjectCaches"/>. Invalidations travel on the broadcast channel (topic <see cref="Topic"/>, payload
/// <c>type\nkey</c>) when one is registered (cluster mode); otherwise they stay local.
/// </summary>
internal sealed partial class ObjectCaches : IObjectCaches
{
    public const string Topic = "object-cache/invalidate";

    private readonly Dictionary<string, ObjectCache> caches;
    private readonly IServiceProvider services;
    private readonly ILogger<ObjectCaches> logger;

    public ObjectCaches(IEnumerable<ObjectCacheRegistration> registrations, IServiceProvider services, ILogger<ObjectCaches> logger)
    {
        this.services = services;
        this.logger = logger;
        caches = new Dictionary<string, ObjectCache>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            caches[registration.CacheType] = new ObjectCache(registration, PublishAsync);
        }
    }

    public IObjectCache Get(string cacheType) =>
        caches.TryGetValue(cacheType, out var cache) ? cache : throw new KeyNotFoundException($"No object cache of type '{cacheType}' is registered.");

    public IReadOnlyList<CacheStatistics> Statistics() => caches.Values.Select(c => c.Statistics).OrderBy(s => s.CacheType, StringComparer.Ordinal).ToList();

    /// <summary>Applies an invalidation received from the channel.</summary>
    public Task ReceiveAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(payload.Span);
        var split = text.IndexOf('\n', StringComparison.Ordinal);
        if (split > 0 && caches.TryGetValue(text[..split], out var cache))
        {
            cache.Evict(text[(split + 1)..]);
        }

        return Task.CompletedTask;
    }

    private async Task PublishAsync(string cacheType, string key, CancellationToken cancellationToken)
    {
        if (services.GetService<IBroadcastChannel>() is not { } channel)
        {
            return;
        }

        try
        {
            await channel.PublishAsync(Topic, Encoding.UTF8.GetBytes($"{cacheType}\n{key}"), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPublishFailed(logger, exception, cacheType, key);
        }
    }

    [LoggerMessage(EventId = 6200, Level = LogLevel.Warning, Message = "Publishing the invalidation of {CacheType} '{Key}' failed; other silos keep it until they evict it.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string cacheType, string key);
}
