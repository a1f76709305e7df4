using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Workflows.Data;

/// <summary>
/// Binds options of type <typeparamref name="TOptions"/> from a configuration section when the host has configuration
/// (a bare <c>ServiceCollection</c> in a unit test has none, and then the defaults stand). Subclass per options type,
/// so that registering the binder twice is recognised as the same registration.
/// </summary>
public abstract class ConfigurationSectionBinder<TOptions>(IServiceProvider services, string section) : IConfigureOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public void Configure(TOptions options)
    {
        if (services.GetService(typeof(IConfiguration)) is IConfiguration configuration)
        {
            configuration.GetSection(section).Bind(options);
        }
    }
}

/// <summary>Binds <see cref="ClusterDatabaseOptions"/> from <c>Database</c>.</summary>
internal sealed class ClusterDatabaseOptionsBinder(IServiceProvider services)
    : ConfigurationSectionBinder<ClusterDatabaseOptions>(services, ClusterDatabaseOptions.SectionName);
