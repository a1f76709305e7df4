using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Access;
using OrleansPlatform.Workflows.Engine;
using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Workflows.Hosting;

/// <summary>Registers the workflow engine and the application registry.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The engine, the logical references, the registry (filled with every registered <c>ApplicationDefinition</c>,
    /// validated at start), the default application states (all enabled) and the access policy (declared access tightened by
    /// <c>Applications:Access</c>). Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogicalReferences();
        services.TryAddSingleton<IWorkflowEngine, WorkflowEngine>();
        services.TryAddSingleton<IApplicationStates, AllEnabledApplicationStates>();
        services.TryAddSingleton<IApplicationRegistry, ApplicationRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ApplicationRegistryStartup>());
        services.AddOptions<ApplicationAccessOptions>().BindConfiguration(ApplicationAccessOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApplicationAccessOptions>, ApplicationAccessOptionsValidator>());
        services.TryAddSingleton<IApplicationAccessPolicy, ConfiguredApplicationAccessPolicy>();
        return services;
    }
}
