using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Dashboard;
using OrleansPlatform.Gateway.Admin.Api;
using OrleansPlatform.Gateway.Admin.Authentication;
using OrleansPlatform.Gateway.Admin.Caches;
using OrleansPlatform.Gateway.Admin.Configuration;
using OrleansPlatform.Gateway.Admin.Console;
using OrleansPlatform.Gateway.Admin.Endpoints;
using OrleansPlatform.Gateway.Admin.Sessions;
using OrleansPlatform.Gateway.Admin.Silos;
using OrleansPlatform.Gateway.Admin.SignIn;
using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Gateway.Admin;

/// <summary>Registers and maps the admin surfaces: the console, its JSON API, the sign-in and the Orleans Dashboard, all behind admin authentication.</summary>
public static class AdminServiceCollectionExtensions
{
    /// <summary>The Orleans Dashboard's path.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>Authentication (section <c>Admin</c>), the directories the console and API read, and JSON with enum names.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddAdminAuthentication();
        services.AddClusterLockStore();
        services.AddSingleton<SiloDirectory>();
        services.AddSingleton<CacheDirectory>();
        services.AddSingleton<SettingsDirectory>();
        services.AddSingleton<SessionDirectory>();
        services.AddSingleton<AdminNotices>();
        services.AddSingleton<EndpointInventory>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        return services;
    }

    /// <summary>Maps the sign-in, the console, the API and the dashboard (every one but the sign-in needs the admin).</summary>
    public static WebApplication MapAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAdminSignIn();
        app.MapAdminApi();
        app.MapAdminConsole();
        app.MapOrleansDashboard(routePrefix: DashboardPath).RequireAuthorization(AdminAuthentication.Policy);
        return app;
    }
}
