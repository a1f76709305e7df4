using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>
/// On a cluster client: reads Orleans' membership table four times a second and signals <see cref="ClusterChangeMonitor"/>
/// as soon as a silo is declared dead, so calls that were in flight to it are repeated now rather than at the response
/// timeout. One small indexed read of a table of a few rows.
/// </summary>
internal sealed partial class SiloDeathWatcher(
    IClusterDatabase database,
    ClusterChangeMonitor monitor,
    IOptions<ClusterOptions> cluster,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<SiloDeathWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<string>? dead = null;
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var connection = await database.OpenConnectionAsync(stoppingToken);
                    var now = (await connection.QueryAsync<string>(new CommandDefinition(
                        "SELECT Address || ':' || Port || '@' || Generation FROM OrleansMembershipTable WHERE DeploymentId = @Cluster AND Status = 6",
                        new { Cluster = cluster.Value.ClusterId }, cancellationToken: stoppingToken))).ToHashSet(StringComparer.Ordinal);
                    if (dead is not null && now.Any(silo => !dead.Contains(silo)))
                    {
                        var died = string.Join(", ", now.Except(dead));
                        LogSiloDied(logger, died);
                        monitor.Signal();
                    }

                    dead = now;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogReadFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Silo {Silos} declared dead: calls in flight are repeated")]
    private static partial void LogSiloDied(ILogger logger, string silos);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Debug, Message = "Reading the membership table failed; retrying")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
