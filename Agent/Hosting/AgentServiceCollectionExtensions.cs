using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansPlatform.AdminAccess;
using OrleansPlatform.Agent.Api;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Agent.Groups;
using OrleansPlatform.Agent.Nodes;
using OrleansPlatform.Agent.Plugins;
using OrleansPlatform.Agent.Processes;
using OrleansPlatform.Agent.Resources;
using OrleansPlatform.Agent.Supervision;
using OrleansPlatform.Grains.Hosting;
using OrleansPlatform.Silo.Hosting;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Applications;
using OrleansPlatform.Workflows.Locks;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Agent.Hosting;

/// <summary>Composes the node agent.</summary>
public static class AgentServiceCollectionExtensions
{
    private const string AuthenticationScheme = "agent-admin-basic";

    /// <summary>
    /// Registers the node agent: its options (section <c>Agent</c>, validated at start-up), the shipped resource
    /// plugins, the cluster database with the platform's migrations, node heartbeats, the groups and their supervisors,
    /// and the API's authentication. Hosted services start in this order: the bootstrap group, the schema migration,
    /// transition recording, heartbeats, then the groups (they stop in reverse).
    /// </summary>
    public static IServiceCollection AddNodeAgent(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SupervisionOptions>().Bind(configuration.GetSection(SupervisionOptions.SectionName)).ValidateOnStart();
        services.AddOptions<HeartbeatOptions>().Bind(configuration.GetSection(HeartbeatOptions.SectionName)).ValidateOnStart();
        services.AddOptions<FailoverOptions>().Bind(configuration.GetSection(FailoverOptions.SectionName)).ValidateOnStart();
        services.AddOptions<AgentApiOptions>().Bind(configuration.GetSection(AgentApiOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SupervisionOptions>, SupervisionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HeartbeatOptions>, HeartbeatOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FailoverOptions>, FailoverOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentApiOptions>, AgentApiOptionsValidator>());
        services.AddSingleton(provider => AgentTopology.From(provider.GetRequiredService<IOptions<AgentOptions>>().Value));
        services.AddPlatformClock();

        services.AddShippedResourcePlugins();
        services.AddSingleton<ProcessWatchdog>();
        services.AddSingleton<ProcessLauncher>();
        services.AddSingleton<HttpProbe>();
        services.AddSingleton<SiloMembershipProbe>();
        services.AddSingleton<SiloStandbys>();
        services.AddHttpClient(HttpProbe.ClientName, client => client.Timeout = TimeSpan.FromSeconds(3))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) });

        services.AddSingleton<GroupManager>();
        services.AddHostedService<BootstrapGroupService>();

        // The platform's tables, so that an agent may be the first process on a fresh database.
        services.AddClusterDatabase();
        services.AddMigrationsFrom(typeof(PlatformHostingExtensions).Assembly);
        services.AddMigrationsFrom(typeof(PlatformGrainsSiloBuilderExtensions).Assembly);
        services.AddMigrationsFrom(typeof(ClusterLockServiceCollectionExtensions).Assembly);
        services.AddMigrationsFrom(typeof(BundledApplicationsServiceCollectionExtensions).Assembly);
        services.AddMigrationsFrom(typeof(AgentServiceCollectionExtensions).Assembly);
        services.AddClusterLockStore();
        services.AddSingleton<INodeRegistry, NodeRegistry>();
        services.AddSingleton<IGroupPlacementStore, GroupPlacementStore>();

        services.AddSingleton<DatabaseTransitionRecorder>();
        services.AddSingleton<ITransitionRecorder>(provider => provider.GetRequiredService<DatabaseTransitionRecorder>());
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseTransitionRecorder>());
        services.AddSingleton<NodeHeartbeatService>();
        services.AddHostedService(provider => provider.GetRequiredService<NodeHeartbeatService>());
        services.AddHostedService(provider => provider.GetRequiredService<GroupManager>());

        services.AddAdminCredentials();
        services.AddAuthentication(AuthenticationScheme).AddAdminBasic(AuthenticationScheme);
        services.AddAuthorizationBuilder().AddPolicy(AgentApiEndpoints.Policy, policy => policy
            .AddAuthenticationSchemes(AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireRole(AdminOptions.Role));
        return services;
    }

    /// <summary>The plugins the agent ships: <c>process</c>, <c>silo</c>, <c>gateway</c>, <c>http-check</c>, <c>postgres</c>, <c>haproxy</c>.</summary>
    public static IServiceCollection AddShippedResourcePlugins(this IServiceCollection services)
    {
        services.AddResourcePlugin<ProcessPlugin>(ProcessPlugin.TypeName);
        services.AddResourcePlugin<SiloPlugin>(SiloPlugin.TypeName);
        services.AddResourcePlugin<GatewayPlugin>(GatewayPlugin.TypeName);
        services.AddResourcePlugin<HttpCheckPlugin>(HttpCheckPlugin.TypeName);
        services.AddResourcePlugin<PostgresPlugin>(PostgresPlugin.TypeName);
        services.AddResourcePlugin<HaproxyPlugin>(HaproxyPlugin.TypeName);
        return services;
    }

    /// <summary>Loads the plugin assemblies named in <c>Agent:PluginAssemblies</c> and registers their plugins.</summary>
    /// <exception cref="AgentConfigurationException">An assembly cannot be loaded; the message names its key.</exception>
    public static IServiceCollection AddPluginAssemblies(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var paths = configuration.GetSection($"{AgentOptions.SectionName}:{nameof(AgentOptions.PluginAssemblies)}").GetChildren().ToList();
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path.Value))
            {
                continue;
            }

            try
            {
                services.AddResourcePluginsFrom(PluginAssemblyLoader.Load(path.Value));
            }
            catch (Exception exception) when (exception is IOException or BadImageFormatException or InvalidOperationException)
            {
                throw new AgentConfigurationException($"{path.Path} '{path.Value}' cannot be loaded: {exception.Message}", exception);
            }
        }

        return services;
    }
}
