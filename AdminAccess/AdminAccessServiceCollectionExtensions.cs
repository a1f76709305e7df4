using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.AdminAccess;

/// <summary>Registers the admin account for a process that serves an operator surface.</summary>
public static class AdminAccessServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AdminOptions"/> (section <c>Admin</c>, validated at start-up), the platform clock and the
    /// <see cref="AdminSignInGuard"/> that checks credentials. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddAdminCredentials(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(AdminSignInGuard)))
        {
            return services;
        }

        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>());
        services.AddPlatformClock();
        services.AddSingleton<AdminSignInGuard>();
        return services;
    }

    /// <summary>Adds HTTP Basic as the admin under <paramref name="scheme"/> (needs <see cref="AddAdminCredentials"/>).</summary>
    public static AuthenticationBuilder AddAdminBasic(this AuthenticationBuilder builder, string scheme)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAdminCredentials();
        return builder.AddScheme<AuthenticationSchemeOptions, AdminBasicAuthenticationHandler>(scheme, _ => { });
    }
}
