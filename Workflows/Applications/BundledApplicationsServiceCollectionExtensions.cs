using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Applications.CatalogSearch;
using OrleansPlatform.Workflows.Applications.LeaveRequest;
using OrleansPlatform.Workflows.Applications.OrderEntry;
using OrleansPlatform.Workflows.Caching;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Hosting;
using OrleansPlatform.Workflows.Locks;
using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.Workflows.Applications;

/// <summary>Registers the bundled applications.</summary>
public static class BundledApplicationsServiceCollectionExtensions
{
    /// <summary>
    /// The bundled <c>catalog-search</c>, <c>order-entry</c> and <c>leave-request</c> applications with their data access and the catalog
    /// seeder (section <c>Catalog</c>). Needs the cluster database; the host runs them with the engine's <c>AddWorkflows</c>.
    /// </summary>
    public static IServiceCollection AddBundledApplications(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddClusterDatabase();
        services.AddMigrationsFrom(typeof(BundledApplicationsServiceCollectionExtensions).Assembly);
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
        services.AddWorkflowApplication(LeaveRequestApplication.Create());
        return services;
    }
}
