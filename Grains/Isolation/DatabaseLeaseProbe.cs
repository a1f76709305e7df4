using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Grains.Silos;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Grains.Isolation;

/// <summary>
/// Checks the cluster database (<c>SELECT 1</c>) every <see cref="IsolationOptions.ProbeInterval"/> and feeds the
/// outcome to the <see cref="DatabaseLease"/>; deactivates the silo's sessions when the lease is lost. Only for a
/// cluster (PostgreSQL): the embedded SQLite deployment has no other side to be cut off from.
/// </summary>
internal sealed class DatabaseLeaseProbe(
    IClusterDatabase database,
    DatabaseLease lease,
    SiloIsolation isolation,
    ILocalSiloDetails localSilo,
    IOptions<IsolationOptions> options,
    TimeProvider time,
    ILogger<DatabaseLeaseProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var settings = options.Value;
        Task<bool>? pending = null;
        var turnStarted = time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            // One check at a time: a stalled database must not collect a pool's worth of waiting probes.
            pending ??= CheckAsync(settings.ProbeTimeout, stoppingToken);
            bool ok;
            var timedOut = false;
            try
            {
                ok = await pending.WaitAsync(settings.ProbeTimeout, time, stoppingToken);
                pending = null;
            }
            catch (TimeoutException)
            {
                (ok, timedOut) = (false, true);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            // A check that did not answer in time counts against the lease only when this loop itself ran on time: a
            // process starved of CPU (a loaded machine, a long GC pause) is slow at everything and would otherwise
            // isolate itself for its own slowness (as Orleans extends its probe timeout when degraded). A check that
            // failed outright always counts.
            var starved = time.GetElapsedTime(turnStarted) > settings.ProbeInterval + (settings.ProbeTimeout * 2);
            if (!(timedOut && starved))
            {
                Apply(ok ? lease.Succeeded() : lease.Failed());
            }

            try
            {
                turnStarted = time.GetTimestamp();
                await Task.Delay(settings.ProbeInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Apply(LeaseTransition transition)
    {
        var silo = SiloLabels.Of(localSilo.Name, localSilo.SiloAddress.ToParsableString());
        switch (transition)
        {
            case LeaseTransition.Lost:
                IsolationLog.Isolated(logger, silo, time.GetUtcNow(), lease.SinceLastSuccess, isolation.Sessions);
                isolation.DeactivateAll();
                break;
            case LeaseTransition.Regained:
                IsolationLog.Regained(logger, silo, time.GetUtcNow());
                break;
        }
    }

    private async Task<bool> CheckAsync(TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // A late answer still renews the lease on a later turn (the loop waits on the same check again); after a few
        // timeouts the check gives up, so a connection to a vanished server is not waited on forever.
        cancellation.CancelAfter(timeout * 4);
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellation.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            return await command.ExecuteScalarAsync(cancellation.Token) is not null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            IsolationLog.CheckFailed(logger, exception);
            return false;
        }
    }
}
