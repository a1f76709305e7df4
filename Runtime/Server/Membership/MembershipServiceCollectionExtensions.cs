using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Hosting;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>Dependency-injection registration of membership.</summary>
public static class MembershipServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local silo's membership: <see cref="ISiloMembership"/> and <see cref="IMembershipView"/> (one singleton,
    /// also a hosted service that joins at start and leaves at stop). Needs <c>AddClusterDatabase</c> and
    /// <c>AddSiloTransport</c> (and the transport listener) registered BEFORE this call, so that the schema is migrated and
    /// the silo accepts probes before it joins, and an <see cref="ILocalSiloDetails"/>; an <see cref="ISiloLoadSource"/> is
    /// used when registered. The cluster id is <see cref="SiloOptions.ClusterId"/>. Options bind from the configuration
    /// section <c>Membership</c>, then <paramref name="configure"/> applies; they are validated at start. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddSiloMembership(this IServiceCollection services, Action<MembershipOptions>? configure = null)
    {
        AddMembershipOptions(services, configure);
        services.TryAddSingleton<SiloMembershipService>();
        services.TryAddSingleton<ISiloMembership>(sp => sp.GetRequiredService<SiloMembershipService>());
        services.TryAddSingleton<IMembershipView>(sp => sp.GetRequiredService<SiloMembershipService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SiloMembershipService>(sp => sp.GetRequiredService<SiloMembershipService>()));
        return services;
    }

    /// <summary>
    /// Registers a read-only <see cref="IMembershipView"/> for a process that is not a silo (the gateway's cluster client):
    /// polling plus, on PostgreSQL, <c>LISTEN/NOTIFY</c>; a hosted service starts and stops it. Needs <c>AddClusterDatabase</c>.
    /// The cluster id is <see cref="SiloOptions.ClusterId"/>. When the process also registered <see cref="AddSiloMembership"/>
    /// first, <see cref="IMembershipView"/> stays the silo's. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddMembershipReader(this IServiceCollection services, Action<MembershipOptions>? configure = null)
    {
        AddMembershipOptions(services, configure);
        services.TryAddSingleton<MembershipReader>();
        services.TryAddSingleton<IMembershipView>(sp => sp.GetRequiredService<MembershipReader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MembershipReader>(sp => sp.GetRequiredService<MembershipReader>()));
        return services;
    }

    private static void AddMembershipOptions(IServiceCollection services, Action<MembershipOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SiloOptions>();
        var options = services.AddOptions<MembershipOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<MembershipOptions>, MembershipConfigurationBinder>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MembershipOptions>, MembershipOptionsValidator>());
    }
}
