using Microsoft.Extensions.Configuration;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Silo.Hosting.Settings;

/// <summary>The managed settings stored in the cluster database, as a configuration layer (see <see cref="DatabaseSettingsConfigurationProvider"/>).</summary>
internal sealed class DatabaseSettingsConfigurationSource(ClusterDatabaseOptions database, string? siloName) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new DatabaseSettingsConfigurationProvider(database, siloName);
}
