using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>Seeds the catalog at silo start (after the schema migration, which is registered before it); once per database, see <see cref="CatalogSeeder"/>.</summary>
internal sealed partial class CatalogSeedingService(IClusterDatabase database, IOptions<CatalogOptions> options, ILogger<CatalogSeedingService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var inserted = await CatalogSeeder.SeedAsync(database, options.Value.SeedProducts, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        LogSeeded(logger, options.Value.SeedProducts, inserted, elapsed.TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6300, Level = LogLevel.Information, Message = "Catalog has its {Count} seeded products ({Inserted} inserted by this silo, {ElapsedMs:F0} ms).")]
    private static partial void LogSeeded(ILogger logger, int count, int inserted, double elapsedMs);
}
