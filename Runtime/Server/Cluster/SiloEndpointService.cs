using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>
/// Binds the silo's transport endpoint before membership starts (the address, with a fresh generation, is the silo's
/// identity) and closes it last, after the silo has drained and left.
/// </summary>
internal sealed class SiloEndpointService : IHostedService, IAsyncDisposable
{
    private readonly LocalSiloDetails _details;
    private readonly TransportListener _listener;
    private readonly IFrameHandler _handler;
    private readonly SiloOptions _silo;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SiloEndpointService> _logger;

    public SiloEndpointService(
        LocalSiloDetails details,
        IFrameHandler handler,
        IOptions<SiloOptions> silo,
        IOptions<TransportOptions> transport,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        _details = details;
        _handler = handler;
        _silo = silo.Value;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<SiloEndpointService>();
        _listener = new TransportListener(details.Address.EndPoint, handler, transport, loggerFactory);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _listener.StartAsync(cancellationToken).ConfigureAwait(false);
        var endPoint = _details.Address.EndPoint.ToString();
        ClusterLog.Listening(_logger, _details.Address.Id, endPoint);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Membership is Dead by now, so new calls are refused (callers retry elsewhere); let the ones in flight answer.
        if (_handler is SiloFrameHandler calls)
        {
            await calls.WaitForCallsToFinishAsync(quiet: TimeSpan.FromMilliseconds(500), within: TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        await _listener.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
