using Microsoft.Extensions.Configuration;
using OrleansPlatform.Silo.Hosting.Settings;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Silo.Hosting.Configuration;

/// <summary>How every platform process reads its settings: appsettings.json, then <c>ORLEANSPLATFORM_</c> environment variables, then the command line.</summary>
public static class PlatformConfiguration
{
    /// <summary>The prefix of the platform's environment variables (<c>__</c> separates sections).</summary>
    public const string EnvironmentPrefix = "ORLEANSPLATFORM_";

    /// <summary>Command-line switches that map to configuration keys, so operators need not type section paths.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--storage"] = "Database:Provider",
        ["--connection-string"] = "Database:ConnectionString",
        ["--silo-name"] = "Silo:SiloName",
        ["--cluster-id"] = "Silo:ClusterId",
        ["--port"] = "Silo:Port",
        ["--gateway-port"] = "Silo:GatewayPort",
    };

    /// <summary>
    /// Adds, in order of precedence after what is there: the settings stored in the cluster database (cluster-wide, then
    /// this silo's overrides), the environment variables and the command line. A process's own environment and command
    /// line therefore win over the stored settings (and then show as configuration drift).
    /// </summary>
    public static IConfigurationBuilder AddPlatformConfiguration(this IConfigurationBuilder configuration, string[] args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storedLayerIndex = configuration.Sources.Count;
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args, SwitchMappings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));

        // Where the database is and who this silo is come from the layers above the stored one.
        var current = configuration as IConfiguration ?? configuration.Build();
        var database = new ClusterDatabaseOptions();
        try
        {
            current.GetSection(ClusterDatabaseOptions.SectionName).Bind(database);
        }
        catch (InvalidOperationException)
        {
            // Reported by the options validation at start-up.
        }

        configuration.Sources.Insert(storedLayerIndex, new DatabaseSettingsConfigurationSource(database, current["Silo:SiloName"]));
        return configuration;
    }
}
