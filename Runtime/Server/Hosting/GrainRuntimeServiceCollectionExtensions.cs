using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Collection;
using OrleansPlatform.Runtime.Invocation;
using OrleansPlatform.Runtime.Scheduling;

namespace OrleansPlatform.Runtime.Hosting;

/// <summary>Registers the grain runtime of a silo.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime: catalog, scheduling, invoker, grain factory, idle collection. Options bind from the
    /// configuration sections <c>Silo</c>, <c>GrainCollection</c> and <c>Messaging</c> and are validated at start.
    /// </summary>
    public static ISiloBuilder AddGrainRuntime(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SiloOptions>().BindConfiguration("Silo").ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().BindConfiguration("GrainCollection").ValidateOnStart();
        services.AddOptions<MessagingOptions>().BindConfiguration("Messaging").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloOptions>, RuntimeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainCollectionOptions>, RuntimeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, RuntimeOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainInterfaceRegistry>();
        services.AddOptions<Placement.PlacementOptions>().BindConfiguration("Placement").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Placement.PlacementOptions>, Placement.PlacementOptionsValidator>());
        services.TryAddSingleton(sp => new GrainTypeRegistry(
            sp.GetServices<GrainClassRegistration>(),
            sp.GetRequiredService<IOptions<Placement.PlacementOptions>>().Value.DefaultStrategy));
        services.TryAddSingleton<ActivationCatalog>();
        services.TryAddSingleton<DeadlockDetector>();
        services.TryAddSingleton<IGrainDispatcher, LocalGrainDispatcher>();
        services.TryAddSingleton<IActivationRegistrar, LocalActivationRegistrar>();
        services.TryAddSingleton<IGrainCallInvoker, SiloGrainCallInvoker>();
        services.TryAddSingleton<IGrainFactory, SiloGrainFactory>();
        services.TryAddSingleton<ActivationCollector>();
        services.AddHostedService<GrainRuntimeService>();
        services.AddHostedService(sp => sp.GetRequiredService<ActivationCollector>());
        return new SiloBuilder(services);
    }

    internal static CatalogServices CreateCatalogServices(IServiceProvider services) => new(
        services,
        services.GetRequiredService<IGrainFactory>(),
        services.GetRequiredService<ActivationCatalog>(),
        services.GetRequiredService<IGrainDispatcher>(),
        services.GetRequiredService<IActivationRegistrar>(),
        services.GetRequiredService<DeadlockDetector>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value,
        services.GetServices<Filters.IIncomingGrainCallFilter>().ToArray(),
        services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansPlatform.Runtime.Catalog"));
}
