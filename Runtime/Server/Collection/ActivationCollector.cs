using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Hosting;

namespace OrleansPlatform.Runtime.Collection;

/// <summary>Every collection quantum, deactivates activations idle for at least the collection age.</summary>
internal sealed class ActivationCollector : BackgroundService
{
    private readonly ActivationCatalog _catalog;
    private readonly GrainCollectionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ActivationCollector> _logger;

    public ActivationCollector(ActivationCatalog catalog, IOptions<GrainCollectionOptions> options, TimeProvider timeProvider, ILogger<ActivationCollector> logger)
    {
        _catalog = catalog;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Deactivates the activations idle long enough; returns how many.</summary>
    public int CollectOnce()
    {
        var count = 0;
        foreach (var activation in _catalog.Activations)
        {
            if (activation.IsIdleFor(_options.CollectionAge))
            {
                _ = activation.DeactivateAsync(DeactivationReason.IdleCollection);
                count++;
            }
        }

        if (count > 0)
        {
            RuntimeLog.Collected(_logger, count);
        }

        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CollectionQuantum, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                CollectOnce();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
