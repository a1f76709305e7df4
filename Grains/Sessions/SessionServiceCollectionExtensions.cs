using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Hosting;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>Registers what the session grain needs.</summary>
public static class SessionServiceCollectionExtensions
{
    /// <summary>The workflow services, <see cref="ISessionStatistics"/> and <see cref="SessionOptions"/> (section <c>Sessions</c>, validated at start).</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services, Action<SessionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddWorkflows();
        var options = services.AddOptions<SessionOptions>().BindConfiguration("Sessions").ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>());
        services.TryAddSingleton<ISessionStatistics, SessionStatisticsService>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
