using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// A self-contained transport endpoint: hosts a private, connection-handler-only Kestrel server on an
/// <see cref="IPEndPoint"/> (port 0 picks a free port, see <see cref="BoundEndPoint"/>). Works in any process, including
/// a plain Generic Host (it is an <see cref="IHostedService"/>; see <c>AddSiloTransportListener</c>).
/// </summary>
public sealed class TransportListener : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(10);

    private readonly IPEndPoint _endPoint;
    private readonly IFrameHandler _handler;
    private readonly IOptions<TransportOptions> _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;
    private ListenOptions? _listenOptions;

    /// <summary>Creates a listener (not started); throws <see cref="OptionsValidationException"/> for invalid options.</summary>
    public TransportListener(IPEndPoint endPoint, IFrameHandler handler, IOptions<TransportOptions> options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        TransportOptionsValidator.ThrowIfInvalid(options.Value);
        if (options.Value.UseTls && options.Value.Certificate is null)
        {
            throw new InvalidOperationException("TransportOptions.UseTls is set but TransportOptions.Certificate is not: a listener needs a server certificate.");
        }

        _endPoint = endPoint;
        _handler = handler;
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<TransportListener>();
    }

    /// <summary>The endpoint actually bound (with the real port when 0 was requested); null until started.</summary>
    public IPEndPoint? BoundEndPoint { get; private set; }

    /// <summary>Binds and starts accepting connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_app is not null)
            {
                throw new InvalidOperationException("The listener is already started.");
            }

            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.Services.RemoveAll<ILoggerFactory>();
            builder.Services.AddSingleton(_loggerFactory);
            builder.Services.RemoveAll<IHostLifetime>();
            builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
            builder.Services.AddSingleton(_handler);
            builder.Services.AddSingleton(_options);
            builder.Services.AddSingleton<SiloConnectionHandler>();
            builder.WebHost.UseKestrelCore();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(_endPoint, listen =>
                {
                    TransportListenOptionsExtensions.UseSiloTransport(listen, _options.Value);
                    _listenOptions = listen;
                });
            });

            var app = builder.Build();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            _app = app;
            BoundEndPoint = _listenOptions?.IPEndPoint ?? _endPoint;
            TransportLog.ListenerStarted(_logger, BoundEndPoint, _options.Value.UseTls);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops accepting, asks every connection to close (in-flight handlers are canceled, peers see the connection end
    /// and fail their pending requests at once) and waits for them, until <paramref name="cancellationToken"/>, after
    /// which remaining connections are aborted.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var app = _app;
            if (app is null)
            {
                return;
            }

            _app = null;
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            TransportLog.ListenerStopped(_logger, BoundEndPoint);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the listener (bounded to 10 s).</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(DefaultStopTimeout);
        await StopAsync(timeout.Token).ConfigureAwait(false);
    }
}
