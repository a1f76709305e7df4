using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Hosting;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>
/// A read-only <see cref="IMembershipView"/> for processes that are not silos (the gateway's cluster client): reads the
/// table every <see cref="MembershipOptions.RefreshInterval"/> and, on PostgreSQL with
/// <see cref="MembershipOptions.UseNotifications"/>, as soon as a change is notified. Never writes.
/// </summary>
internal sealed class MembershipReader : IMembershipView, IHostedService, IAsyncDisposable
{
    private readonly IClusterDatabase database;
    private readonly MembershipOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly MembershipTable table;
    private readonly MembershipViewState state;
    private readonly WakeUpSignal refreshSignal = new();
    private CancellationTokenSource? polling;
    private Task pollLoop = Task.CompletedTask;
    private MembershipNotificationListener? listener;
    private int disposed;

    public MembershipReader(
        IClusterDatabase database,
        IOptions<SiloOptions> siloOptions,
        IOptions<MembershipOptions> options,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(siloOptions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.database = database;
        this.options = options.Value;
        this.time = time;
        logger = loggerFactory.CreateLogger<MembershipReader>();
        table = new MembershipTable(database, siloOptions.Value.ClusterId, logger);
        state = new MembershipViewState(table, this.options, logger);
    }

    public event Action<MembershipSnapshot>? Changed
    {
        add => state.Changed += value;
        remove => state.Changed -= value;
    }

    public MembershipSnapshot Current => state.Current;

    public Task<MembershipSnapshot> RefreshAsync(CancellationToken cancellationToken = default) => state.RefreshAsync(cancellationToken);

    /// <summary>Subscribes to notifications (PostgreSQL), reads once (a failure is logged, not thrown) and starts polling.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        polling = new CancellationTokenSource();
        if (table.IsPostgres && options.UseNotifications)
        {
            listener = new MembershipNotificationListener(database, table.Channel, refreshSignal.Set, time, logger);
            await listener.StartAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }

        await state.TryRefreshAsync(cancellationToken).ConfigureAwait(false);
        var token = polling.Token;
        pollLoop = Task.Run(() => PollLoopAsync(token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (polling is { } cancel)
        {
            await cancel.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await pollLoop.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
        }

        if (Interlocked.Exchange(ref listener, null) is { } current)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container may dispose this instance once per registration that exposes it.
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        polling?.Dispose();
        state.Dispose();
    }

    private async Task PollLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await refreshSignal.WaitAsync(options.RefreshInterval, time, cancellationToken).ConfigureAwait(false);
                await state.TryRefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                MembershipLog.LoopFailed(logger, exception, "reader poll");
            }
        }
    }
}
