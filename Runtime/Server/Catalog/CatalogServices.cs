using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Filters;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Scheduling;

namespace OrleansPlatform.Runtime.Catalog;

/// <summary>The services every activation of the silo shares; one instance per silo.</summary>
internal sealed class CatalogServices
{
    public CatalogServices(
        IServiceProvider services,
        IGrainFactory grainFactory,
        ActivationCatalog catalog,
        IGrainDispatcher dispatcher,
        IActivationRegistrar registrar,
        DeadlockDetector deadlockDetector,
        TimeProvider timeProvider,
        GrainCollectionOptions collectionOptions,
        IIncomingGrainCallFilter[] incomingFilters,
        ILogger logger)
    {
        Services = services;
        GrainFactory = grainFactory;
        Catalog = catalog;
        Dispatcher = dispatcher;
        Registrar = registrar;
        DeadlockDetector = deadlockDetector;
        TimeProvider = timeProvider;
        CollectionOptions = collectionOptions;
        IncomingFilters = incomingFilters;
        Logger = logger;
        _localSiloId = new Lazy<string?>(() => (services.GetService(typeof(Membership.ILocalSiloDetails)) as Membership.ILocalSiloDetails)?.Address.Id);
    }

    private readonly Lazy<string?> _localSiloId;

    public IServiceProvider Services { get; }

    public IGrainFactory GrainFactory { get; }

    public ActivationCatalog Catalog { get; }

    public IGrainDispatcher Dispatcher { get; }

    public IActivationRegistrar Registrar { get; }

    public DeadlockDetector DeadlockDetector { get; }

    public TimeProvider TimeProvider { get; }

    public GrainCollectionOptions CollectionOptions { get; }

    public IIncomingGrainCallFilter[] IncomingFilters { get; }

    public ILogger Logger { get; }

    /// <summary>This silo's id in the cluster, or null outside a cluster; worked out once (it is on every remote reply).</summary>
    public string? LocalSiloId => _localSiloId.Value;
}
