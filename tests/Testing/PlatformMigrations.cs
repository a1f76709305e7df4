using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Grains.Hosting;
using OrleansPlatform.Silo.Hosting;
using OrleansPlatform.Workflows.Applications;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Testing;

/// <summary>
/// The migrations a silo applies, for tests that build their own service provider (<see cref="TestDatabase.BuildServices"/>
/// registers none): the assemblies that own tables in the cluster database, as a silo registers them.
/// </summary>
public static class PlatformMigrations
{
    /// <summary>Silo.Hosting (0001-0003: Orleans' query, membership and storage tables; 0010 platform_settings).</summary>
    public static Assembly SiloHosting => typeof(PlatformHostingExtensions).Assembly;

    /// <summary>Grains (0004 platform_silos, 0007 session_events, 0009 application_states, 0011-0013 digests, event log, membership history).</summary>
    public static Assembly Grains => typeof(PlatformGrainsSiloBuilderExtensions).Assembly;

    /// <summary>Workflows.Services (0005 cluster locks).</summary>
    public static Assembly WorkflowsServices => typeof(ClusterLockServiceCollectionExtensions).Assembly;

    /// <summary>Workflows.Applications, the bundled applications (0006 catalog, 0014 catalog search).</summary>
    public static Assembly Applications => typeof(BundledApplicationsServiceCollectionExtensions).Assembly;

    /// <summary>The table-owning assemblies a silo has (the Gateway's own table, 0008, is not among them).</summary>
    public static IReadOnlyList<Assembly> SiloAssemblies { get; } = [SiloHosting, Grains, WorkflowsServices, Applications];

    /// <summary>Registers the migrations of <see cref="SiloAssemblies"/>.</summary>
    public static IServiceCollection AddSiloMigrations(this IServiceCollection services)
    {
        foreach (var assembly in SiloAssemblies)
        {
            services.AddMigrationsFrom(assembly);
        }

        return services;
    }
}
