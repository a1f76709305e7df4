using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>
/// Gives Orleans' silo watchdog a <see cref="SiloStartClock"/> over the clock it would have had (Orleans' membership
/// clock), and nothing else: the rest of membership keeps its own timestamps. The watchdog is an internal Orleans type
/// found by name; if a later Orleans renames it, <see cref="Apply"/> says so at start-up instead of silently doing
/// nothing (the test of this type then fails too).
/// </summary>
internal static class WatchdogClock
{
    private const string WatchdogTypeName = "Orleans.Runtime.Watchdog";

    public static void Apply(IServiceCollection services)
    {
        var registration = services.LastOrDefault(d => !d.IsKeyedService && d.ServiceType.FullName == WatchdogTypeName)
            ?? throw new InvalidOperationException($"{WatchdogTypeName} is not registered: this Orleans version composes its watchdog differently; review {nameof(WatchdogClock)}.");
        var watchdog = registration.ServiceType;
        services.Replace(ServiceDescriptor.Singleton(watchdog, provider => ActivatorUtilities.CreateInstance(
            provider,
            watchdog,
            new SiloStartClock(provider.GetRequiredKeyedService<TimeProvider>(Orleans.Runtime.TimeProviderNames.Membership)))));
    }
}
