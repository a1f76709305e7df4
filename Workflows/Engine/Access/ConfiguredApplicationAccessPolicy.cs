using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.Workflows.Access;

/// <summary>See <see cref="IApplicationAccessPolicy"/>; the options are read once (configuration is fixed for a process).</summary>
internal sealed class ConfiguredApplicationAccessPolicy(IOptions<ApplicationAccessOptions> options) : IApplicationAccessPolicy
{
    private readonly Dictionary<string, ApplicationAccessRule> rules = new(options.Value.Access, StringComparer.Ordinal);

    public ApplicationAccess AccessOf(ApplicationDefinition application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return rules.TryGetValue(application.Id, out var rule) && rule is not null
            ? application.Access.Tightened(rule.SignIn, rule.RoleList())
            : application.Access;
    }
}
