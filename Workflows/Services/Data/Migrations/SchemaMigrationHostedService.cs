using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Workflows.Data.Migrations;

/// <summary>
/// Migrates the cluster database when the host starts, before the services registered after it. A failure stops
/// start-up with a <see cref="SchemaMigrationException"/> naming the migration file.
/// </summary>
internal sealed partial class SchemaMigrationHostedService(ISchemaMigrator migrator, ILogger<SchemaMigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        catch (SchemaMigrationException exception)
        {
            LogStartupStopped(logger, exception.MigrationPath ?? "(unknown)");
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1104, Level = LogLevel.Critical, Message = "Start-up stopped: schema migration {Path} failed")]
    private static partial void LogStartupStopped(ILogger logger, string path);
}
