using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Locks;

/// <summary>Binds <see cref="ClusterLockOptions"/> from the <c>ClusterLocks</c> configuration section, when the host has configuration.</summary>
internal sealed class ClusterLockConfigurationBinder(IServiceProvider services) : IConfigureOptions<ClusterLockOptions>
{
    public void Configure(ClusterLockOptions options)
    {
        if (services.GetService(typeof(IConfiguration)) is IConfiguration configuration)
        {
            configuration.GetSection(ClusterLockOptions.SectionName).Bind(options);
        }
    }
}
