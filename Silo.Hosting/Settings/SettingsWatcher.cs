using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Silo.Hosting.Settings;

/// <summary>
/// Reloads this process's stored settings when the table's change counter moves (checked every second: one small read).
/// Silos are also told at once on the broadcast channel; Gateways, which are Orleans clients, rely on this.
/// </summary>
internal sealed partial class SettingsWatcher(
    PlatformSettingsStore store,
    PlatformSettingsLayer layer,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<SettingsWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? seen = null;
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var version = await store.VersionAsync(stoppingToken);

                    // The first check reads the layer again too: the schema may not have existed when the configuration was built.
                    if ((seen is null || version != seen) && layer.Reload() is { } error)
                    {
                        LogReloadFailed(logger, error);
                    }

                    seen = version;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogCheckFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Reading the stored settings failed; the ones read before stay in force")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "Checking the stored settings for changes failed; retrying in a second")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
