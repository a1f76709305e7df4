using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansPlatform.Workflows.Time;

/// <summary>
/// The clock of the platform's own code (sessions, admission, locks, caches, the Gateway's retries): a keyed
/// <see cref="TimeProvider"/>, registered as <see cref="TimeProvider.System"/>. Orleans' runtime reads the unkeyed
/// <see cref="TimeProvider"/> for its timers and failure detection; keeping ours apart lets a test drive the
/// platform's time with a <c>FakeTimeProvider</c> (an idle session expiring, a lease running out) while the silo it runs
/// in keeps real time.
/// </summary>
public static class PlatformClock
{
    /// <summary>The service key of the platform's clock.</summary>
    public const string Key = "orleansplatform.clock";

    /// <summary>Registers <see cref="TimeProvider.System"/> as the platform's clock unless one is registered.</summary>
    public static IServiceCollection AddPlatformClock(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(Key, TimeProvider.System);
        return services;
    }

    /// <summary>The platform's clock from <paramref name="services"/>.</summary>
    public static TimeProvider Get(IServiceProvider services) => services.GetRequiredKeyedService<TimeProvider>(Key);
}
