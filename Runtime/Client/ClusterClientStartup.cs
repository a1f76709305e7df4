using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Runtime.Client;

/// <summary>
/// Connects the client at start-up: waits (bounded) for an active silo and loads the grain manifest, so the first
/// <c>GetGrain</c> calls need no network round trip. A cluster not up yet does not fail the host: the manifest is then
/// loaded on first use.
/// </summary>
internal sealed partial class ClusterClientStartup(ClusterClient client, ILogger<ClusterClientStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.GetManifestAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException)
        {
            LogNotConnected(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "No silo answered while the cluster client started; grain types are resolved on first use")]
    private static partial void LogNotConnected(ILogger logger, Exception exception);
}
