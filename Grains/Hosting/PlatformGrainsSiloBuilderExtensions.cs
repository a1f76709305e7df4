using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;
using OrleansPlatform.Grains.Applications;
using OrleansPlatform.Grains.Broadcast;
using OrleansPlatform.Grains.Caching;
using OrleansPlatform.Grains.Isolation;
using OrleansPlatform.Grains.Locks;
using OrleansPlatform.Grains.Placement;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Grains.Silos;
using OrleansPlatform.Workflows.Caching;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Hosting;
using OrleansPlatform.Workflows.Locks;
using OrleansPlatform.Workflows.Registry;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Hosting;

/// <summary>Adds the platform's grains and the silo services they need to an Orleans silo.</summary>
public static class PlatformGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Sessions (options from section <c>Sessions</c>), session admission and placement (section <c>Placement</c>; this
    /// silo's capacity and weight are published as silo metadata), silo-bound placement, cache invalidation on the
    /// <c>platform</c> broadcast channel, cluster-lock ownership by activation, and this silo's row in
    /// <c>platform_silos</c>. Every option is validated at start-up.
    /// </summary>
    public static ISiloBuilder AddOrleansPlatformGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = silo.Services;
        services.AddWorkflows();
        services.AddObjectCaches();
        services.AddMigrationsFrom(typeof(PlatformGrainsSiloBuilderExtensions).Assembly);

        services.AddOptions<SessionOptions>().Bind(configuration.GetSection("Sessions")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>());
        services.TryAddSingleton<SessionStatisticsService>();
        services.TryAddSingleton<ISessionStatistics>(sp => sp.GetRequiredService<SessionStatisticsService>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SessionStatisticsService>());

        services.AddOptions<IsolationOptions>().Bind(configuration.GetSection(IsolationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IsolationOptions>, IsolationOptionsValidator>());
        services.TryAddSingleton<DatabaseLease>();
        services.TryAddSingleton<SiloIsolation>();
        services.AddHostedService<DatabaseLeaseProbe>();

        var placement = new SessionPlacementOptions();
        configuration.GetSection(SessionPlacementOptions.SectionName).Bind(placement);
        services.AddOptions<SessionPlacementOptions>().Bind(configuration.GetSection(SessionPlacementOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionPlacementOptions>, SessionPlacementOptionsValidator>());
        services.AddPlacementDirector<SessionPlacement, SessionPlacementDirector>();
        services.AddPlacementDirector<SiloBoundPlacement, SiloBoundPlacementDirector>();
        services.AddPlacementDirector<AwayFromCallerPlacement, AwayFromCallerPlacementDirector>();
        silo.UseSiloMetadata(new Dictionary<string, string>
        {
            [PlacementMetadataKeys.Capacity] = placement.Capacity.ToString(CultureInfo.InvariantCulture),
            [PlacementMetadataKeys.Weight] = placement.Weight.ToString(CultureInfo.InvariantCulture),
        });

        silo.AddBroadcastChannel(SiloBroadcaster.ProviderName, options => options.FireAndForgetDelivery = false);
        services.TryAddSingleton<SiloBroadcaster>();
        services.Replace(ServiceDescriptor.Singleton<ICacheInvalidationBus, BroadcastCacheInvalidationBus>());
        services.AddClusterLocks();
        services.Replace(ServiceDescriptor.Singleton<ILockOwnerAccessor, GrainLockOwnerAccessor>());

        services.TryAddSingleton<ApplicationStateStore>();
        services.TryAddSingleton<ApplicationStatesService>();
        services.Replace(ServiceDescriptor.Singleton<IApplicationStates>(sp => sp.GetRequiredService<ApplicationStatesService>()));
        services.AddSingleton<IPlatformChangeHandler>(sp => sp.GetRequiredService<ApplicationStatesService>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ApplicationStatesService>());

        services.TryAddSingleton<SettingsInForce>();
        services.TryAddSingleton<SiloIncarnations>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloIncarnations>());
        services.AddSingleton<PlatformSiloRegistration>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<PlatformSiloRegistration>());
        services.AddSingleton<MembershipHistoryRecorder>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<MembershipHistoryRecorder>());
        services.AddPlatformClock();
        return silo;
    }
}
