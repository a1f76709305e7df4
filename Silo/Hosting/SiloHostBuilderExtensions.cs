using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansPlatform.Grains.Health;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Storage;
using OrleansPlatform.Workflows.Hosting;

namespace OrleansPlatform.Silo.Hosting;

/// <summary>Composes a silo: the grain runtime, the platform's grains, the cluster database and grain storage.</summary>
public static class SiloHostBuilderExtensions
{
    /// <summary>Command-line switches that map to configuration keys, so operators need not type section paths.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--storage"] = "Database:Provider",
        ["--connection-string"] = "Database:ConnectionString",
        ["--silo-name"] = "Silo:SiloName",
        ["--cluster-id"] = "Silo:ClusterId",
        ["--port"] = "Silo:Port",
    };

    /// <summary>Adds configuration sources in precedence order: appsettings.json, ORLEANSPLATFORM_ environment variables, command line.</summary>
    public static IConfigurationBuilder AddSiloConfiguration(this IConfigurationBuilder configuration, string[] args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.AddEnvironmentVariables("ORLEANSPLATFORM_");
        configuration.AddCommandLine(args, SwitchMappings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
        return configuration;
    }

    /// <summary>Registers everything a silo runs.</summary>
    public static IHostApplicationBuilder AddOrleansPlatformSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Hosted services start in registration order: migrate the schema and seed the applications' data before the
        // silo binds its endpoint and joins the cluster, so it never serves (Active) before its data is there.
        builder.Services.AddClusterDatabase();
        builder.Services.AddBundledApplications();
        builder.Services.AddGrainRuntime().AddGrainsFromAssembly(typeof(HealthProbeGrain).Assembly).AddCluster();
        builder.Services.AddAdoNetGrainStorage();
        builder.Services.AddSessions();
        return builder;
    }
}
