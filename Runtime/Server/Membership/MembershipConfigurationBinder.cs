using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>Binds <see cref="MembershipOptions"/> from the <c>Membership</c> configuration section, when the host has configuration.</summary>
internal sealed class MembershipConfigurationBinder(IServiceProvider services) : IConfigureOptions<MembershipOptions>
{
    public void Configure(MembershipOptions options)
    {
        if (services.GetService(typeof(IConfiguration)) is IConfiguration configuration)
        {
            configuration.GetSection(MembershipOptions.SectionName).Bind(options);
        }
    }
}
