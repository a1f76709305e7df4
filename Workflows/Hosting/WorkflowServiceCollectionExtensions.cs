using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Applications.CatalogSearch;
using OrleansPlatform.Workflows.Applications.OrderEntry;
using OrleansPlatform.Workflows.Caching;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Locks;
using OrleansPlatform.Workflows.Engine;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Pools;
using OrleansPlatform.Workflows.References;
using OrleansPlatform.Workflows.Registry;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Workflows.Hosting;

/// <summary>Registers the workflow engine, logical references, object caches, applications.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>The engine, the codec registry with the entity/page/cart codecs, the pool serializer, the registry, the caches. Safe to call more than once.</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.TryAddSingleton<IWorkflowEngine, WorkflowEngine>();
        services.TryAddSingleton<EntityLoaders>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReferenceCodec, EntityReferenceCodec>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReferenceCodec, QueryPageCodec>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReferenceCodec, CartCodec>());
        services.TryAddSingleton<ILogicalReferences, LogicalReferences>();
        services.TryAddSingleton<IPoolSerializer, PoolSerializer>();
        services.TryAddSingleton<IApplicationStates, AllEnabledApplicationStates>();
        services.TryAddSingleton<IApplicationRegistry, ApplicationRegistry>();
        services.AddPlatformClock();
        services.TryAddSingleton<ICacheInvalidationBus, LocalCacheInvalidationBus>();
        services.TryAddSingleton<IObjectCaches, ObjectCaches>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ApplicationRegistryStartup>());
        return services;
    }

    /// <summary>Registers an application version (validated when the registry is built at start).</summary>
    public static IServiceCollection AddWorkflowApplication(this IServiceCollection services, ApplicationDefinition application)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddWorkflows();
        services.AddSingleton(application);
        return services;
    }

    /// <summary>Registers an object cache type; <paramref name="timeToLive"/> (default 5 minutes) bounds how stale a missed invalidation can leave it.</summary>
    public static IServiceCollection AddObjectCache(this IServiceCollection services, string cacheType, int capacity, TimeSpan? timeToLive = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        services.AddWorkflows();
        services.AddSingleton(new ObjectCacheRegistration(cacheType, capacity, timeToLive ?? TimeSpan.FromMinutes(5)));
        return services;
    }

    /// <summary>
    /// The bundled <c>catalog-search</c> and <c>order-entry</c> applications with their data access and the catalog
    /// seeder (section <c>Catalog</c>). Needs the cluster database.
    /// </summary>
    public static IServiceCollection AddBundledApplications(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddClusterDatabase();
        services.AddMigrationsFrom(typeof(WorkflowServiceCollectionExtensions).Assembly);
        services.AddClusterLocks();
        services.AddOptions<CatalogOptions>().BindConfiguration("Catalog").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>());
        services.AddObjectCache(Product.Type, capacity: 20_000);
        services.AddObjectCache(ProductSearchResult.Type, capacity: 2_000);
        services.TryAddSingleton<ProductCatalog>();
        services.TryAddSingleton<IProductCatalog>(sp => sp.GetRequiredService<ProductCatalog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPagedQuery, ProductCatalog>(sp => sp.GetRequiredService<ProductCatalog>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEntityLoader, ProductCatalog>(sp => sp.GetRequiredService<ProductCatalog>()));
        services.TryAddSingleton<IOrderService, OrderService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CatalogSeedingService>());
        services.AddWorkflowApplication(CatalogSearchApplication.Create());
        services.AddWorkflowApplication(OrderEntryApplication.Create());
        return services;
    }
}
