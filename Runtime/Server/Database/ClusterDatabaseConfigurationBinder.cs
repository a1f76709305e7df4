using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Database;

/// <summary>Binds <see cref="ClusterDatabaseOptions"/> from the <c>Database</c> configuration section, when the host has configuration.</summary>
internal sealed class ClusterDatabaseConfigurationBinder(IServiceProvider services) : IConfigureOptions<ClusterDatabaseOptions>
{
    public void Configure(ClusterDatabaseOptions options)
    {
        if (services.GetService(typeof(IConfiguration)) is IConfiguration configuration)
        {
            configuration.GetSection(ClusterDatabaseOptions.SectionName).Bind(options);
        }
    }
}
