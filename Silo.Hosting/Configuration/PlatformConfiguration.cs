using Microsoft.Extensions.Configuration;

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

    /// <summary>Adds the environment variables and the command line (in that order of precedence, after what is there).</summary>
    public static IConfigurationBuilder AddPlatformConfiguration(this IConfigurationBuilder configuration, string[] args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args, SwitchMappings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
        return configuration;
    }
}
