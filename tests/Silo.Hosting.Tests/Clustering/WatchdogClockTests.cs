using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Silo.Hosting.Clustering;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Silo.Hosting.Tests.Clustering;

/// <summary>
/// The platform silo's watchdog runs on the silo-start clock. Without it Orleans' watchdog can warn at start that its
/// participant check "has not completed" for the machine's uptime (see <see cref="SiloStartClock"/>); if an Orleans
/// upgrade changes how the watchdog gets its clock, this fails rather than the warning quietly coming back.
/// </summary>
public sealed class WatchdogClockTests
{
    [Fact]
    public async Task The_silo_watchdog_counts_from_the_silo_start()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await PlatformSilo.StartAsync(database, new Dictionary<string, string?> { ["Catalog:SeedProducts"] = "0" });

        var watchdogType = typeof(Orleans.Hosting.SiloBuilderExtensions).Assembly.GetType("Orleans.Runtime.Watchdog", throwOnError: true)!;
        var watchdog = silo.Services.GetRequiredService(watchdogType);
        var clock = watchdogType.GetFields(BindingFlags.Instance | BindingFlags.NonPublic).Single(f => f.FieldType == typeof(TimeProvider)).GetValue(watchdog);

        var startClock = Assert.IsType<SiloStartClock>(clock);
        Assert.True(startClock.GetElapsedTime(0) < TimeSpan.FromMinutes(5), $"the watchdog's clock reads {startClock.GetElapsedTime(0)} since its origin");
    }
}
