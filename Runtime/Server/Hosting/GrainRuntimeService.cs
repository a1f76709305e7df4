using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Catalog;

namespace OrleansPlatform.Runtime.Hosting;

/// <summary>Starts the catalog; on shutdown deactivates every activation so grains can save and release what they hold.</summary>
internal sealed class GrainRuntimeService : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly ActivationCatalog _catalog;
    private readonly GrainTypeRegistry _types;
    private readonly GrainInterfaceRegistry _interfaces;
    private readonly ILogger<GrainRuntimeService> _logger;

    public GrainRuntimeService(
        IServiceProvider services,
        ActivationCatalog catalog,
        GrainTypeRegistry types,
        GrainInterfaceRegistry interfaces,
        ILogger<GrainRuntimeService> logger)
    {
        _services = services;
        _catalog = catalog;
        _types = types;
        _interfaces = interfaces;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var grainClass in _types.All)
        {
            foreach (var grainInterface in grainClass.GrainInterfaces)
            {
                _interfaces.Get(grainInterface);
            }
        }

        _catalog.Initialize(GrainRuntimeServiceCollectionExtensions.CreateCatalogServices(_services));
        var grainTypes = _types.All.Count();
        RuntimeLog.RuntimeStarted(_logger, grainTypes);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        RuntimeLog.RuntimeStopping(_logger, _catalog.Count);
        await _catalog.DeactivateAllAsync(DeactivationReason.ShuttingDown).WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
