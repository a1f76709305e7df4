using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>
/// A cluster client (the Gateway in cluster mode) started before any silo, or while the cluster restarts, keeps trying
/// to connect rather than failing its host: every second, logged.
/// </summary>
internal sealed class RetryForeverConnectionFilter([FromKeyedServices(PlatformClock.Key)] TimeProvider time, ILogger<RetryForeverConnectionFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        HostingLog.ClientRetrying(logger, exception.Message, Delay);
        await Task.Delay(Delay, time, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
